"""The economist's desk: everything that reads the published warehouse, read-only and
offline. The guarded connection (readonly, reader_guard; `from yrd import connect`),
`yrd sql` and `yrd shell` (sql, shell), exports (export, export_all, xlsx), the HTML report
and its charts (report*, charts, line_chart, coverage, fonts), the catalog (`yrd docs`),
`yrd quarantine`, and `yrd extract/verify/eval` over the document extractor (documents).

May import: ingest.config (where the files are), ingest.documents (the extractor), yrd.ui,
yrd.textsafe.
Must not import: yrd.build, yrd.quality or yrd.cli: reading never runs or waits on a build.
"""
