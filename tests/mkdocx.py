#!/usr/bin/env python3
"""mkdocx.py - make the Word fixtures of tests/docx.sh from the plan samples.

    python3 tests/mkdocx.py SAMPLES_DIR OUT_DIR
    python3 tests/mkdocx.py --libreoffice OUT_DIR    (needs LibreOffice)

For each table sample, a .docx holding the same plan the way Word holds it:
the heading as paragraphs (the issuer and the motto side by side in a
borderless table, as offices lay them out), the appendix as a real table
whose rows are whole (a row the text file cut at a page break is one row
here), with what Word produces:
  - section rows merged across the table (gridSpan): "I CẢI CÁCH ..." in one
    cell, or the number in its cell and the title over the rest;
  - the lead column merged vertically (vMerge) where numbered rows share it;
  - the header row marked to repeat on each page (tblHeader), and once
    written again in the middle, as a converted PDF has it;
  - a cell's list items as paragraphs, or as lines of one paragraph (w:br);
  - task numbers 1, 2, 3 and a), b) from an automatic list (numPr), the
    cell itself empty, restarting in each section;
  - (the prose programme) parts, areas and items numbered by lists, dash
    items by a paragraph style based on "List Bullet";
  - the table split in two by a paragraph of text, the second half under the
    same header.
Also continuation.docx/.txt: a row cut by a page break that the text reader
can only guess at; structures.docx: what Word files hold beyond the samples;
the hostile files of tests/docx.sh (hostile/); and with --libreoffice, the
samples' .docx as LibreOffice writes them back (libreoffice/).

Needs python3-docx. The files are committed; make check does not run this.
The zip entries get a fixed date so the bytes are the same each time.
"""
import html
import io
import os
import re
import struct
import sys
import zipfile
import zlib

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

BREAKING = {"li", "/li", "br", "br/", "/p", "/ul", "/ol", "/div", "p"}


def clean_lines(raw):
    """A text cell's paragraphs: tags that end a line end a paragraph,
    other tags are spaces, entities decoded, ** dropped, as the text reader
    reads them; "- " items that follow a sentence start a paragraph."""
    out, i = [], 0
    while i < len(raw):
        ch = raw[i]
        if ch == "<" and i + 1 < len(raw) and (raw[i + 1].isalpha() or raw[i + 1] == "/"):
            end, lt = raw.find(">", i), raw.find("<", i + 1)
            if end >= 0 and (lt < 0 or end < lt):
                m = re.match(r"[A-Za-z/]*", raw[i + 1:end])
                out.append("\n" if m.group(0).lower()[:7] in BREAKING else " ")
                i = end + 1
                continue
        if ch == "&":
            m = re.match(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", raw[i:])
            if m:
                out.append(html.unescape(m.group(0)))
                i += len(m.group(0))
                continue
        if raw.startswith("**", i):
            i += 2
            continue
        out.append(ch)
        i += 1
    lines = []
    for l in "".join(out).split("\n"):
        l = " ".join(l.split())
        # "- A - B": each item its own paragraph, as Word has them
        start = 0
        for m in re.finditer(r" - (?=\w)", l):
            if l[m.end()].isupper():
                lines.append(l[start:m.start()])
                start = m.start() + 1
        lines.append(l[start:])
    return [l for l in lines if l]


def folded_header(line):
    return line.strip().lower()


def parse_sample(path):
    """Heading lines, then a list of parts: ("row", cells) for a whole row
    (continuations joined as the text reader joins them), ("text", line) for
    text between rows, and the header cells."""
    lines = open(path, encoding="utf-8").read().split("\n")
    first = next(i for i, l in enumerate(lines) if l.startswith("STT\t"))
    header = lines[first].split("\t")
    parts, after_break, prev = [], False, None
    for line in lines[first + 1:]:
        if "\t" not in line:
            if line.strip():
                parts.append(("text", line))
            continue
        if folded_header(line) == folded_header(lines[first]):
            after_break = True
            continue
        cells = (line.split("\t") + [""] * len(header))[:len(header)]
        if (after_break and prev is not None and not cells[0].strip()
                and any(c.strip() for c in cells[1:])
                and all(prev[k].strip() for k in range(1, len(cells)) if cells[k].strip())):
            for k, c in enumerate(cells):
                if c.strip():
                    prev[k] = prev[k] + " " + c
        else:
            prev = cells
            parts.append(("row", cells))
        after_break = False
    return lines[:first], header, parts


def heading_paragraphs(doc, lines):
    """The heading: issuer and motto blocks side by side in a borderless
    table when the text starts with them, then the rest as paragraphs."""
    blocks, cur = [], []
    for line in lines:
        if line.strip():
            cur.append(line.replace("**", "").strip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    rest = blocks
    if len(blocks) >= 2 and blocks[1][0].startswith("CỘNG HÒA"):
        t = doc.add_table(rows=1, cols=2)
        for k in range(2):
            cell = t.rows[0].cells[k]
            cell.text = blocks[k][0]
            cell.paragraphs[0].runs[0].bold = True
            for l in blocks[k][1:]:
                cell.add_paragraph().add_run(l).bold = True
        rest = blocks[2:]
    for b in rest:
        # a title block (its first line in capitals) is centred, as the
        # decree on documents lays it out; the rest is body text
        title = b[0].isupper()
        for l in b:
            par = doc.add_paragraph(l)
            if title:
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER


def abstract(numbering, aid, *levels):
    """A list definition, its levels given as (format, text) from level 0,
    put first (Word wants definitions before the lists using them)."""
    a = OxmlElement("w:abstractNum")
    a.set(qn("w:abstractNumId"), str(aid))
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
            e = OxmlElement(tag)
            e.set(qn("w:val"), val)
            lvl.append(e)
        a.append(lvl)
    numbering.insert(0, a)


def add_numbering(doc):
    """One multi-level list definition: 1, 2, 3 at level 0, a), b) at 1."""
    numbering = doc.part.numbering_part.element
    abstract(numbering, 7, ("decimal", "%1"), ("lowerLetter", "%2)"))
    return numbering


def new_list(numbering, num_id):
    """A list of add_numbering's definition that starts again at 1 (one per
    section)."""
    instance(numbering, num_id, 7)


def number_paragraph(par, num_id, ilvl):
    ppr = par._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", ilvl), ("w:numId", num_id)):
        e = OxmlElement(tag)
        e.set(qn("w:val"), str(val))
        numpr.append(e)
    ppr.append(numpr)


def fill(cell, raw, as_breaks):
    lines = clean_lines(raw)
    if not lines:
        return
    if as_breaks:
        run = cell.paragraphs[0].add_run(lines[0])
        for l in lines[1:]:
            run.add_break()
            run.add_text(l)
    else:
        cell.paragraphs[0].add_run(lines[0])
        for l in lines[1:]:
            cell.add_paragraph(l)


def mark_header(row):
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def new_table(doc, header):
    t = doc.add_table(rows=0, cols=len(header))
    t.style = "Table Grid"
    r = t.add_row()
    mark_header(r)
    for k, h in enumerate(header):
        r.cells[k].text = h
    return t


def is_section(cells):
    return re.fullmatch(r"[IVX]+|[A-Z]", cells[0].strip() or "-") and \
        not any(c.strip() for c in cells[2:])


def lead_column(header):
    for k, h in enumerate(header):
        f = h.lower()
        if "chủ trì" in f:
            return k
    return None


def write_docx(doc, path):
    buf = io.BytesIO()
    doc.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            z = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            z.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(z, src.read(info.filename))


def sample_docx(sample, out):
    head, header, parts = parse_sample(sample)
    doc = docx.Document()
    heading_paragraphs(doc, head)
    numbering = add_numbering(doc)
    lead = lead_column(header)
    rows = [p for p in parts if p[0] == "row"]
    split_at = rows[len(rows) // 2][1] if rows else None
    repeat_at = rows[len(rows) // 4][1] if rows else None
    table = new_table(doc, header)
    num_id, count, letter, nsec, nrow = 100, 0, 0, 0, 0
    above = None        # (cell, text) of the lead cell of the row above
    tail = []
    for kind, val in parts:
        if kind == "text":
            tail.append(val)
            continue
        for t in tail:      # text between rows: after the table, as text
            doc.add_paragraph(t)
        if tail:
            table = new_table(doc, header)
            above = None
        tail = []
        cells = val
        if cells is split_at:
            doc.add_paragraph("Ghi chú: các nhiệm vụ tiếp theo ở trang sau.")
            table = new_table(doc, header)
            above = None
        if cells is repeat_at:
            r = table.add_row()
            for k, h in enumerate(header):
                r.cells[k].text = h
            above = None
        r = table.add_row()
        nrow += 1
        if is_section(cells):
            nsec += 1
            num_id += 1
            new_list(numbering, num_id)
            count, letter, above = 0, 0, None
            if nsec % 2:
                m = r.cells[0].merge(r.cells[-1])
                m.text = cells[0].strip() + " " + " ".join(clean_lines(cells[1]))
            else:
                r.cells[0].text = cells[0].strip()
                m = r.cells[1].merge(r.cells[-1])
                m.text = " ".join(clean_lines(cells[1]))
            continue
        stt = cells[0].strip()
        if stt == str(count + 1):
            count, letter = count + 1, 0
            number_paragraph(r.cells[0].paragraphs[0], num_id, 0)
        elif stt == chr(ord("a") + letter) + ")" and count:
            letter += 1
            number_paragraph(r.cells[0].paragraphs[0], num_id, 1)
        else:
            fill(r.cells[0], cells[0], False)
        for k in range(1, len(header)):
            if k == lead and above and stt and above[1] == cells[k] and cells[k].strip():
                above[0].merge(r.cells[k])
                continue
            fill(r.cells[k], cells[k], nrow % 2 == 1)
            if k == lead:
                above = (r.cells[k], cells[k]) if stt else None
    for t in tail:
        doc.add_paragraph(t)
    write_docx(doc, out)


def instance(numbering, num_id, aid, restart=True):
    """A list of definition aid; restart: it starts again at 1, as Word's
    "Restart at 1" writes it (else it goes on from the last list of aid)."""
    n = OxmlElement("w:num")
    n.set(qn("w:numId"), str(num_id))
    e = OxmlElement("w:abstractNumId")
    e.set(qn("w:val"), str(aid))
    n.append(e)
    if restart:
        o = OxmlElement("w:lvlOverride")
        o.set(qn("w:ilvl"), "0")
        s = OxmlElement("w:startOverride")
        s.set(qn("w:val"), "1")
        o.append(s)
        n.append(o)
    numbering.append(n)


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
EXPECTED = {"roman": lambda n: ROMAN[n] if n < len(ROMAN) else "",
            "arabic": lambda n: str(n + 1),
            "letter": lambda n: chr(ord("a") + n)}


def prose_docx(sample, out):
    """A programme written as paragraphs, its parts, areas and lettered items
    numbered by Word's lists (a new list under each heading, so numbers
    start again as the text has them), its dash items in a style based on
    "List Bullet", numbered through styles.xml; letters Word cannot count
    (đ) stay typed."""
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    kinds = {"roman": (201, "upperRoman", "%1."), "arabic": (202, "decimal", "%1."),
             "letter": (203, "lowerLetter", "%1)"), "dash": (204, "bullet", "-")}
    for aid, fmt, text in kinds.values():
        abstract(numbering, aid, (fmt, text))
    ids = {"roman": 300, "arabic": 0, "letter": 0, "dash": 301}
    instance(numbering, 300, 201)
    instance(numbering, 301, 204, restart=False)
    count = {"roman": 0, "arabic": 0, "letter": 0}
    next_id = 302
    dash_style = doc.styles.add_style("Gach dau dong", WD_STYLE_TYPE.PARAGRAPH)
    dash_style.base_style = doc.styles["List Bullet"]
    lines = open(sample, encoding="utf-8").read().split("\n")
    first = next(i for i, l in enumerate(lines) if re.match(r"I\. ", l))
    heading_paragraphs(doc, lines[:first])
    for line in lines[first:]:
        if not line.strip():
            continue
        kind, mm = None, None
        for k, pattern in (("roman", r"([IVX]+)\. (.*)"), ("arabic", r"(\d+)\. (.*)"),
                           ("letter", r"([a-zđ])\) (.*)"), ("dash", r"- ()(.*)")):
            mm = re.fullmatch(pattern, line)
            if mm:
                kind = k
                break
        if not kind:
            doc.add_paragraph(line)
            continue
        if kind != "dash" and mm.group(1) != EXPECTED[kind](count[kind]):
            doc.add_paragraph(line)     # not what the list would count
            continue
        if kind == "roman":
            count["arabic"] = 0
            ids["arabic"] = 0
        if kind in ("roman", "arabic"):
            count["letter"] = 0
            ids["letter"] = 0
        if kind != "dash":
            if not ids[kind]:
                ids[kind] = next_id
                instance(numbering, next_id, kinds[kind][0])
                next_id += 1
            count[kind] += 1
        if kind == "dash":      # a style based on "List Bullet": numbered by its style
            doc.add_paragraph(mm.group(2), style=dash_style)
            continue
        par = doc.add_paragraph(mm.group(2))
        number_paragraph(par, ids[kind], 0)
    write_docx(doc, out)


def continuation(outdir):
    """A row the page break cut after its title: the second part fills the
    output and schedule cells, which the first part left empty. The text
    reader cannot tell it from a new unnumbered row; Word's row is whole."""
    header = ["STT", "Nhiệm vụ", "Sản phẩm", "Thời gian", "Cơ quan chủ trì"]
    rows = [
        ["I", "CẢI CÁCH THỂ CHẾ", "", "", ""],
        ["1", "Rà soát văn bản quy phạm pháp luật", "Báo cáo", "Quý I/2024", "Sở Tư pháp"],
        ["2", "Xây dựng quy chế phối hợp kiểm tra văn bản", "", "", ""],
        ["", "", "Quy chế được ban hành", "Quý II/2024", "Sở Tư pháp"],
        ["3", "Công bố danh mục văn bản hết hiệu lực", "Quyết định", "Quý IV/2024", "Sở Tư pháp"],
    ]
    head = ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "", "Số: 77/KH-UBND", "",
            "KẾ HOẠCH", "Kiểm tra văn bản năm 2024", ""]
    with open(os.path.join(outdir, "continuation.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(head) + "\n")
        f.write("\t".join(header) + "\n")
        for r in rows[:3]:
            f.write("\t".join(r) + "\n")
        f.write("\n" + "\t".join(header) + "\n")
        for r in rows[3:]:
            f.write("\t".join(r) + "\n")
    doc = docx.Document()
    for l in head:
        doc.add_paragraph(l)
    t = new_table(doc, header)
    whole = rows[:3] + rows[4:]
    whole[2] = ["2", rows[2][1], rows[3][2], rows[3][3], rows[3][4]]
    for r in whole:
        row = t.add_row()
        for k, c in enumerate(r):
            row.cells[k].text = c
    write_docx(doc, os.path.join(outdir, "continuation.docx"))


def run_xml(text, wrap=None, deleted=False):
    """A run of text, inside w:ins or w:del when wrap says so."""
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    r.append(t)
    if not wrap:
        return r
    w = OxmlElement(wrap)
    w.set(qn("w:id"), "1")
    w.set(qn("w:author"), "Chuyên viên")
    w.append(r)
    return w


def field(par, code, result):
    """A field as Word writes it: its code, then the result it shows."""
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, result),
                       ("end", None)):
        r = OxmlElement("w:r")
        if kind:
            e = OxmlElement("w:fldChar")
            e.set(qn("w:fldCharType"), kind)
        else:
            e = OxmlElement("w:instrText" if text == code else "w:t")
            e.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            e.text = text
        r.append(e)
        par._p.append(r)


# A text box as Word 2010 on writes it: once for new readers (mc:Choice),
# once for old ones (mc:Fallback); its text must come out once.
TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>%s</w:t>'
    '</w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>%s</w:t></w:r></w:p>'
    '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def structures(outdir):
    """What Word files hold beyond the samples, for a reviewed dry run:
    title rows above the header, a header whose cells have two paragraphs
    and columns in an unusual order, a second header row of column
    numbers, a section row without a number, sub-numbers, a lead merged
    down the sub-rows, a task on two rows (number and title merged down,
    a second lead below), a note merged across the table, tracked changes,
    a field, a text box, a table inside a cell, a list running on into a
    second table after a page of text."""
    doc = docx.Document()
    heading_paragraphs(doc, ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "",
                             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                             "", "Số: 88/KH-UBND", "", "Khánh Hòa, ngày 05 tháng 01 năm 2025", "",
                             "KẾ HOẠCH", "Thử các cấu trúc của Word năm 2025", ""])
    numbering = add_numbering(doc)
    new_list(numbering, 901)
    new_list(numbering, 902)
    header = ["STT", "Cơ quan|chủ trì", "Nhiệm vụ", "Thời gian", "Cơ quan phối hợp"]

    def table():
        t = doc.add_table(rows=0, cols=5)
        t.style = "Table Grid"
        return t

    def header_rows(t):
        r = t.add_row()
        mark_header(r)
        for k, h in enumerate(header):
            parts = h.split("|")
            r.cells[k].text = parts[0]
            for more in parts[1:]:
                r.cells[k].add_paragraph(more)
        r = t.add_row()
        mark_header(r)
        for k in range(5):
            r.cells[k].text = "(%d)" % (k + 1)

    def row(t, cells, num=None):
        r = t.add_row()
        for k, c in enumerate(cells):
            if c:
                r.cells[k].text = c
        if num:
            number_paragraph(r.cells[0].paragraphs[0], num[0], num[1])
        return r

    t = table()
    r = t.add_row()
    r.cells[0].merge(r.cells[4]).text = "Phụ lục: NHIỆM VỤ CỤ THỂ NĂM 2025"
    header_rows(t)
    r = t.add_row()
    r.cells[0].merge(r.cells[4]).text = "NHIỆM VỤ TRỌNG TÂM"
    r = row(t, ["", "Sở Nội vụ", "Rà soát quy chế làm việc", "Quý I/2025", "Sở Tư pháp"],
            (901, 0))
    p = r.cells[2].paragraphs[0]
    p._p.append(run_xml(" (bản cũ)", "w:del", deleted=True))
    p._p.append(run_xml(" của Ủy ban nhân dân tỉnh", "w:ins"))
    a = row(t, ["1.1", "Sở Nội vụ", "Lấy ý kiến các sở", "Tháng 02/2025", ""])
    b = row(t, ["1.2", "", "Trình ban hành quy chế", "Tháng 03/2025", ""])
    a.cells[1].merge(b.cells[1])
    a = row(t, ["", "Sở Tài chính", "Bố trí kinh phí thực hiện", "Quý II/2025", ""], (901, 0))
    a.cells[2].paragraphs[0]._p.append(parse_xml(TEXT_BOX % (("Nguồn: ngân sách tỉnh",) * 2)))
    b = row(t, ["", "Sở Kế hoạch và Đầu tư", "", "", ""])
    a.cells[0].merge(b.cells[0])
    a.cells[2].merge(b.cells[2])
    r = t.add_row()
    r.cells[0].merge(r.cells[4]).text = "Ghi chú: nhiệm vụ 2 do hai sở cùng chủ trì."
    r = t.add_row()
    r.cells[0].text = "A"
    r.cells[1].merge(r.cells[4]).text = "NHIỆM VỤ THƯỜNG XUYÊN"
    r = row(t, ["", "Văn phòng Ủy ban nhân dân tỉnh", "Cập nhật dữ liệu thủ tục hành chính",
                "Thường xuyên", ""], (902, 0))
    field(r.cells[2].paragraphs[0], " DOCPROPERTY Nam ", " năm 2025")
    inner = r.cells[4].add_table(rows=2, cols=1)
    inner.rows[0].cells[0].text = "Sở Nội vụ"
    inner.rows[1].cells[0].text = "Sở Tư pháp"
    row(t, ["", "", "Cập nhật hằng tháng", "Hằng tháng", ""], (902, 1))
    row(t, ["", "", "Tổng hợp hằng quý", "Hằng quý", ""], (902, 1))
    doc.add_paragraph("Các nhiệm vụ tiếp theo ở trang sau.")
    t = table()
    header_rows(t)
    r = row(t, ["", "Sở Thông tin và Truyền thông", "Vận hành cổng dữ liệu mở", "Năm 2025", ""],
            (902, 0))
    run = r.cells[2].paragraphs[0].runs[0]
    run.add_break()
    run.add_text("- Giai đoạn 1: kết nối")
    run.add_break()
    run.add_text("- Giai đoạn 2: công khai")
    write_docx(doc, os.path.join(outdir, "structures.docx"))


def two_level_header(outdir):
    """The header Vietnamese plans use most: "Cơ quan thực hiện" over
    "Chủ trì" and "Phối hợp", the other labels merged down both rows, a
    row of column numbers under it; a row that starts one grid column in
    (w:gridBefore: no number cell), a cell holding only a no-break space."""
    doc = docx.Document()
    heading_paragraphs(doc, ["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA", "",
                             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                             "", "Số: 99/KH-UBND", "", "KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2025",
                             ""])
    t = doc.add_table(rows=3, cols=5)
    t.style = "Table Grid"
    top, below, numbers = t.rows
    for r in (top, below, numbers):
        mark_header(r)
    for k, label in ((0, "STT"), (1, "Nội dung công việc"), (4, "Thời gian hoàn thành")):
        top.cells[k].merge(below.cells[k]).text = label
    top.cells[2].merge(top.cells[3]).text = "Cơ quan thực hiện"
    below.cells[2].text = "Chủ trì"
    below.cells[3].text = "Phối hợp"
    for k in range(5):
        numbers.cells[k].text = "(%d)" % (k + 1)
    rows = [["I", "CÔNG TÁC TUYÊN TRUYỀN", "", "", ""],
            ["1", "Tuyên truyền trên Cổng thông tin điện tử", "Sở Nội vụ", "Sở Tư pháp", "Quý I/2025"],
            ["2", "Tổ chức hội nghị quán triệt", "Sở Nội vụ", "\u00a0", "Quý II/2025"],
            [None, "Phát hành tờ gấp", "Sở Tư pháp", "", "Quý III/2025"]]
    for cells in rows:
        r = t.add_row()
        if cells[0] == "I":
            r.cells[0].text = "I"
            r.cells[1].merge(r.cells[4]).text = cells[1]
            continue
        for k, c in enumerate(cells):
            if c:
                r.cells[k].text = c
        if cells[0] is None:
            # no number cell: the row starts one grid column in
            tr = r._tr
            tr.remove(tr.tc_lst[0])
            tr.get_or_add_trPr().append(parse_xml(
                '<w:gridBefore xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                '2006/main" w:val="1"/>'))
    write_docx(doc, os.path.join(outdir, "two-level-header.docx"))


# ------------------------------------------------------------ hostile files
# Built with zipfile and by hand, not by python-docx: bytes an attacker
# would send, independent of both Word and our reader.

CT = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
      b'</Types>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def zipped(path, entries, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compress) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data,
                       compress_type=compress)


def body(xml):
    return ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body>'
            '</w:document>' % (W, xml)).encode()


def hostile(outdir):
    os.makedirs(outdir, exist_ok=True)
    p = lambda n: os.path.join(outdir, n)
    ok_body = body('<w:p><w:r><w:t>Kế hoạch</w:t></w:r></w:p>')
    # 80 MiB of spaces inside the document part: 80 KiB zipped.
    bomb = b'<?xml version="1.0"?><w:document ' + W.encode() + b'><w:body><w:p><w:r><w:t>' + \
        b" " * (80 << 20) + b"</w:t></w:r></w:p></w:body></w:document>"
    zipped(p("bomb.docx"), [("[Content_Types].xml", CT), ("word/document.xml", bomb)])
    # The same, the sizes in both headers rewritten to say 1,000 bytes.
    data = open(p("bomb.docx"), "rb").read()
    real = len(bomb)
    data = data.replace(struct.pack("<I", real), struct.pack("<I", 1000))
    open(p("bomb-lying.docx"), "wb").write(data)
    deep = body("<w:p>" * 200000 + "</w:p>" * 200000)
    zipped(p("deep.docx"), [("[Content_Types].xml", CT), ("word/document.xml", deep)])
    laughs = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "hahahahahahahahahaha">'
              + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10)
                        for i in range(9))
              + ']><w:document %s><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body>'
              '</w:document>' % W).encode()
    zipped(p("entities.docx"), [("[Content_Types].xml", CT), ("word/document.xml", laughs)])
    external = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM '
                '"file:///etc/passwd">]><w:document %s><w:body><w:p><w:r><w:t>&x;</w:t>'
                '</w:r></w:p></w:body></w:document>' % W).encode()
    zipped(p("external.docx"), [("[Content_Types].xml", CT), ("word/document.xml", external)])
    zipped(p("traversal.docx"), [("[Content_Types].xml", CT), ("word/document.xml", ok_body),
                                 ("../../../tmp/dondoc-owned", b"x")])
    zipped(p("missing.docx"), [("[Content_Types].xml", CT), ("word/other.xml", ok_body)])
    zipped(p("writer.odt"), [("mimetype", b"application/vnd.oasis.opendocument.text"),
                             ("content.xml", b'<?xml version="1.0"?><office:document-content/>')])
    zipped(p("truncated.docx"), [("[Content_Types].xml", CT), ("word/document.xml", ok_body * 50)])
    whole = open(p("truncated.docx"), "rb").read()
    open(p("truncated.docx"), "wb").write(whole[:len(whole) // 2])
    zipped(p("not-xml.docx"), [("[Content_Types].xml", CT),
                               ("word/document.xml", b"<w:document><w:body><w:p>\x01 broken")])
    # One merged lead cell of 1 MiB over 200 rows: 200 MiB if copied blindly.
    big = "Sở Nội vụ " * (1 << 17)
    rows = ('<w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Nhiệm vụ'
            '</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cơ quan chủ trì</w:t></w:r></w:p></w:tc>'
            '</w:tr>')
    for i in range(200):
        merge = '<w:vMerge w:val="restart"/>' if i == 0 else "<w:vMerge/>"
        text = big if i == 0 else ""
        rows += ('<w:tr><w:tc><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>'
                 'Nhiệm vụ %d</w:t></w:r></w:p></w:tc><w:tc><w:tcPr>%s</w:tcPr><w:p><w:r><w:t>'
                 '%s</w:t></w:r></w:p></w:tc></w:tr>' % (i + 1, i + 1, merge, text))
    zipped(p("merged-bomb.docx"), [("[Content_Types].xml", CT),
                                   ("word/document.xml", body("<w:tbl>%s</w:tbl>" % rows))])
    # The encryption flag set in both headers of an otherwise plain file.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr(zipfile.ZipInfo("word/document.xml", date_time=(2024, 1, 1, 0, 0, 0)),
                   ok_body)
    b = bytearray(buf.getvalue())
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = b.find(sig)
        b[i + off] |= 1
    open(p("encrypted.docx"), "wb").write(bytes(b))
    # List definitions nested inside a level, enough of them to move the
    # array that holds them while the level is still being read.
    nested = ('<?xml version="1.0"?><w:numbering %s><w:abstractNum w:abstractNumId="0">'
              '<w:lvl w:ilvl="0">%s<w:start w:val="5"/><w:numFmt w:val="decimal"/></w:lvl>'
              '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
              '</w:numbering>' % (W, "".join('<w:abstractNum w:abstractNumId="%d"/>' % i
                                             for i in range(1, 60)))).encode()
    numbered = body('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
                    '</w:pPr><w:r><w:t>Kế hoạch</w:t></w:r></w:p>')
    zipped(p("nested-lists.docx"), [("[Content_Types].xml", CT), ("word/document.xml", numbered),
                                    ("word/numbering.xml", nested)])
    open(p("old-word.doc"), "wb").write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504)
    open(p("scan.pdf"), "wb").write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n")


def libreoffice(out):
    """The samples' .docx as LibreOffice writes them (opened, saved as .odt,
    saved back as .docx): another writer's idea of the same structures
    (lists continued across instances, its own styles and properties). Not
    byte-reproducible (LibreOffice stamps times), so only made on demand."""
    import shutil
    import subprocess
    import tempfile
    dest = os.path.join(out, "libreoffice")
    os.makedirs(dest, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("khanhhoa-2024-cchc", "khanhhoa-snv-2024-sipas", "ninhthuan-2021-2025-cchc",
                     "khanhhoa-2026-ctr-chuyendoiso"):
            shutil.copy(os.path.join(out, name + ".docx"), tmp)
            for fmt, src in (("odt", name + ".docx"), ("docx:MS Word 2007 XML", name + ".odt")):
                subprocess.run(["soffice", "-env:UserInstallation=file://" + tmp + "/profile",
                                "--headless", "--convert-to", fmt, "--outdir", tmp + "/o", src],
                               cwd=tmp, check=True, capture_output=True)
                shutil.copy(os.path.join(tmp, "o", os.path.basename(src).rsplit(".", 1)[0] + "."
                                         + fmt.split(":")[0]), tmp)
            shutil.copy(os.path.join(tmp, name + ".docx"), dest)


def main():
    if sys.argv[1] == "--libreoffice":
        libreoffice(sys.argv[2])
        return
    samples, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name in ("khanhhoa-2024-cchc", "khanhhoa-snv-2024-sipas", "ninhthuan-2021-2025-cchc"):
        sample_docx(os.path.join(samples, name + ".txt"), os.path.join(out, name + ".docx"))
    prose_docx(os.path.join(samples, "khanhhoa-2026-ctr-chuyendoiso.txt"),
               os.path.join(out, "khanhhoa-2026-ctr-chuyendoiso.docx"))
    continuation(out)
    structures(out)
    two_level_header(out)
    hostile(os.path.join(out, "hostile"))


if __name__ == "__main__":
    main()
