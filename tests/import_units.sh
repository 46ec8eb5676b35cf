# import_units.sh - the unit tree the import tests resolve agencies against
# (sourced; needs dd). Two provinces, as before the 2025 merger.
dd unit add KH "Ủy ban nhân dân tỉnh Khánh Hòa" --kind province
dd unit add KH-VP "Văn phòng Ủy ban nhân dân tỉnh" --parent KH --kind office
dd unit add KH-SNV "Sở Nội vụ" --parent KH --kind department
dd unit add KH-SNV-VP "Văn phòng Sở" --parent KH-SNV --kind office
dd unit add KH-SNV-TT "Thanh tra Sở" --parent KH-SNV --kind office
dd unit add KH-STP "Sở Tư pháp" --parent KH --kind department
dd unit add KH-STC "Sở Tài chính" --parent KH --kind department
dd unit add KH-SKHDT "Sở Kế hoạch và Đầu tư" --parent KH --kind department
dd unit add KH-STTTT "Sở Thông tin và Truyền thông" --parent KH --kind department
dd unit add KH-CR "UBND thành phố Cam Ranh" --parent KH --kind district
dd unit add KH-NH "UBND thị xã Ninh Hòa" --parent KH --kind district
dd unit add NT "Ủy ban nhân dân tỉnh Ninh Thuận" --kind province
dd unit add NT-SNV "Sở Nội vụ tỉnh Ninh Thuận" --parent NT --kind department
dd unit add NT-STP "Sở Tư pháp" --parent NT --kind department
dd unit add NT-PR "UBND thành phố Phan Rang - Tháp Chàm" --parent NT --kind district
