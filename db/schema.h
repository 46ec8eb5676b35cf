/* schema.h - the database schema as an ordered list of migrations. */
#ifndef DB_SCHEMA_H
#define DB_SCHEMA_H

/* schema_migrations[i] takes a database from PRAGMA user_version i to i+1. */
extern const char *const schema_migrations[];
extern const int schema_version;

#endif
