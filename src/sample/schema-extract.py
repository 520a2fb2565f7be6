#!/usr/bin/env python3
"""Regenerate src/sample/schema_data.c from the real fixtures.

The sample's tables must be exactly the real product's, so their columns are
not typed by hand: this reads them from the fixtures (6.2: MariaDB database
fx_lr62_mysql_openncp, 6.2.5 GA6, with fx_lr62_mysql_juyee as fallback; 7.1:
fx_lr71_mysql_formsdemo; 7.0: the HSQLDB script lr70-hsqldb-pokerhands, whose
types are respelled the MySQL way). Run by hand when the table list changes:
  python3 src/sample/schema-extract.py > src/sample/schema_data.c
"""
import lzma, os, re, subprocess, sys

TABLES = """Account_ AssetCategory CalendarResource AssetEntries_AssetCategories AssetEntries_AssetTags AssetEntry
AssetLink AssetTag AssetVocabulary BackgroundTask Calendar CalendarBooking ClassName_ Company
Contact_ Counter DDMContent DDMStorageLink DDMStructure DDMStructureLayout DDMStructureLink
DDMStructureVersion DDMTemplate DDMTemplateLink DDMTemplateVersion DLFileEntry
DLFileEntryMetadata DLFileEntryType DLFileRank DLFileShortcut DLFileVersion DLFolder
ExpandoColumn ExpandoRow ExpandoTable ExpandoValue ExportImportConfiguration Group_
Groups_Orgs Groups_Roles Image JournalArticle JournalArticleImage JournalArticleLocalization
JournalArticleResource JournalContentSearch JournalFolder KaleoDefinition KaleoInstance Layout
LayoutBranch LayoutFriendlyURL LayoutRevision LayoutSet LayoutSetBranch Lock_ MBCategory
MBDiscussion MBMessage MBThread Marketplace_App Marketplace_Module Organization_
PortletPreferences RatingsEntry RatingsStats Release_ Repository ResourcePermission Role_
ServiceComponent SocialActivity Subscription SystemEvent TrashEntry User_ UserGroupRole
Users_Groups Users_Orgs Users_Roles WorkflowInstanceLink""".split()

SOCK = "/tmp/lrprep-servers/mysql.sock"
FIX = os.environ.get("LRPREP_FIXTURES", os.path.join(os.path.dirname(__file__), "../../../shared/fixtures"))


def my(sql):
    out = subprocess.run(["mariadb", "--socket=" + SOCK, "-uroot", "-N", "-B", "-e", sql],
                         check=True, capture_output=True, text=True).stdout
    return [l.split("\t") for l in out.splitlines()]


def mysql_schema(db):
    tabs = {}
    for t, c, typ, nul, key, pos in my(
            "select c.table_name, c.column_name, c.column_type, c.is_nullable, "
            "coalesce(k.ordinal_position, 0), c.ordinal_position from information_schema.columns c "
            "left join information_schema.key_column_usage k on k.table_schema = c.table_schema "
            "and k.table_name = c.table_name and k.column_name = c.column_name and "
            "k.constraint_name = 'PRIMARY' where c.table_schema = '%s' "
            "order by c.table_name, c.ordinal_position" % db):
        tabs.setdefault(t.lower(), []).append((c, typ, nul == "NO", int(key)))
    idx = {}
    for t, name, uniq, col, sub in my(
            "select table_name, index_name, 1 - non_unique, column_name, "
            "coalesce(sub_part, 0) from "
            "information_schema.statistics where table_schema = '%s' and index_name <> 'PRIMARY' "
            "order by table_name, index_name, seq_in_index" % db):
        d = idx.setdefault(t.lower(), {})
        # MySQL prefix indexes (long varchars) keep their length: "openId(255)"
        d.setdefault(name.upper(), [int(uniq), []])[1].append(col + ("(%s)" % sub if sub != "0" else ""))
    return tabs, idx


HS = {"BIGINT": "bigint(20)", "INTEGER": "int(11)", "BIT(1)": "tinyint(4)", "BOOLEAN": "tinyint(4)",
      "TIMESTAMP": "datetime(6)", "DOUBLE": "double", "VARCHAR(16777216)": "longtext",
      "SMALLINT": "smallint(6)", "DATE": "date"}


def hsqldb_schema(path, canon_cols):
    tabs, idx = {}, {}
    for line in lzma.open(path, "rt", encoding="utf-8", errors="replace"):
        m = re.match(r"CREATE MEMORY TABLE PUBLIC\.(\w+)\((.*)\)$", line.rstrip("\n"))
        if m:
            t = m.group(1).lower()
            body = m.group(2)
            pk = []
            pm = re.search(r",PRIMARY KEY\(([^)]*)\)$", body)
            if pm:
                pk = pm.group(1).split(",")
                body = body[:pm.start()]
            cols = []
            for part in re.split(r",(?=[A-Z_0-9]+ )", body):
                name, rest = part.split(" ", 1)
                typ = re.match(r"(VARCHAR\(\d+\)|BIT\(1\)|[A-Z]+)", rest).group(1)
                my_t = HS.get(typ) or typ.lower()
                if typ == "VARCHAR(16777216)":
                    my_t = "longtext"
                notnull = "NOT NULL" in rest
                if "PRIMARY KEY" in rest:
                    pk = [name]
                cols.append([name, my_t, notnull, 0])
            for c in cols:
                if c[0] in pk:
                    c[3] = pk.index(c[0]) + 1
                c[0] = canon_cols.get((t, c[0].lower()), canon_cols.get((None, c[0].lower()), c[0]))
            tabs[t] = [tuple(c) for c in cols]
        m = re.match(r"CREATE (UNIQUE )?INDEX (\w+) ON PUBLIC\.(\w+)\(([^)]*)\)", line)
        if m:
            t = m.group(3).lower()
            cols = [canon_cols.get((t, c.lower()), c) for c in m.group(4).split(",")]
            idx.setdefault(t, {})[m.group(2)] = [1 if m.group(1) else 0, cols]
    return tabs, idx


def emit(var, tabs, idx, note):
    print("/* %s */" % note)
    print("const struct sample_tabledef %s[] = {" % var)
    for name in TABLES:
        cols = tabs.get(name.lower())
        if not cols:
            continue
        cs = ";".join("%s %s%s%s" % (c, ty, "!" if nn else "", "#%d" % pk if pk else "")
                      for c, ty, nn, pk in cols)
        ix = ";".join("%s%s:%s" % ("+" if u else "", n, ",".join(cl))
                      for n, (u, cl) in sorted(idx.get(name.lower(), {}).items()))
        print('\t{ "%s",\n\t  "%s",\n\t  "%s" },' % (name, cs, ix))
    print("\t{ NULL, NULL, NULL },\n};\n")


def main():
    t62, i62 = mysql_schema("fx_lr62_mysql_openncp")
    j62, ji62 = mysql_schema("fx_lr62_mysql_juyee")
    for k, v in j62.items():
        t62.setdefault(k, v)
        i62.setdefault(k, ji62.get(k, {}))
    t71, i71 = mysql_schema("fx_lr71_mysql_formsdemo")
    canon = {}
    for src in (t62, t71):
        for t, cols in src.items():
            for c in cols:
                canon[(t, c[0].lower())] = c[0]
                canon.setdefault((None, c[0].lower()), c[0])
    t70, i70 = hsqldb_schema(os.path.join(FIX, "lr70-hsqldb-pokerhands.script.xz"), canon)
    missing = [n for n in TABLES if n.lower() not in t62 and n.lower() not in t71]
    if missing:
        sys.exit("tables in no fixture: %s" % missing)
    print("/* Generated by src/sample/schema-extract.py from the real fixtures; do not edit.")
    print(" * Columns: \"name type[!][#pk];...\" (! = NOT NULL, #n = n-th primary key column);")
    print(" * indexes: \"[+]NAME:col,col;...\" (+ = unique; col(n) = MySQL prefix index). */")
    print('#include "schema.h"\n')
    emit("sample_schema_62", t62, i62, "6.2: fx_lr62_mysql_openncp (6.2.5 GA6), juyee for the rest")
    emit("sample_schema_70", t70, i70, "7.0: lr70-hsqldb-pokerhands (7.0.2 GA3), MySQL spelling")
    emit("sample_schema_71", t71, i71, "7.1: fx_lr71_mysql_formsdemo (7.1.0 GA1)")


main()
