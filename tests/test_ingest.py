"""Behaviour of the ingest stage: every format round-trips, bad input becomes a specific ReadError."""
from __future__ import annotations

import gzip
import io
import json
import os
import types
from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.ingest import ColumnMap, detect_format, read_sources
from unspun.records import Article, ReadError

CORPUS = Path(__file__).parent / "data" / "ingest" / "corpus"

FERRY = (
    "Harbour ferry service to resume after six-week suspension\n\n"
    "Passenger ferries between Port Caldwell and Merrow Island will resume on Monday, the regional "
    "transport authority said on Thursday.\n"
)
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title} | Lakeside Courier</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="Lakeside Courier">
{date}
</head><body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>The council said a final decision on the scheme would be taken at its meeting in the autumn, after a
six-week public consultation that opens next Wednesday and closes on the last day of the month.</p>
</article><footer>Copyright 2023 Lakeside Courier</footer></body></html>
"""


def page(title="Reservoir levels fall to a ten-year low", url="https://courier.example/news/reservoir",
         body="Reservoir levels across the district fell to 41 percent of capacity last week, the lowest "
              "reading for a decade, the water company said on Friday.", date="2024-07-19"):
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return PAGE.format(title=title, url=url, body=body, date=meta)


def read(*paths, **kw):
    items = list(read_sources([*paths], **kw))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


# ---------------------------------------------------------------- the committed sample corpus


def test_directory_is_read_recursively_in_sorted_path_order():
    articles, errors = read(CORPUS)
    assert errors == []
    assert [a.id for a in articles] == [
        "brief-1", "brief-2",  # feeds/briefs.csv
        "wire-001", "wire-002", "wire:3",  # feeds/wire.jsonl (third record has no id)
        "harbour-ferry",  # harbour-ferry.txt
        "reading-room",  # notes/reading-room.md
        "wind-farm",  # pages/wind-farm.html
    ]


def test_txt_text_is_the_file_content_and_title_is_the_headline():
    (article,) = read(CORPUS / "harbour-ferry.txt")[0]
    assert article.text == (CORPUS / "harbour-ferry.txt").read_text(encoding="utf-8")
    assert article.title == "Harbour ferry service to resume after six-week suspension"
    assert article.origin == str(CORPUS / "harbour-ferry.txt")
    assert (article.url, article.source, article.published) == ("", "", None)


def test_markdown_heading_becomes_title_but_stays_in_text():
    (article,) = read(CORPUS / "notes" / "reading-room.md")[0]
    assert article.title == "Town library reopens its reading room"
    assert article.text.startswith("# Town library reopens its reading room\n\n")


def test_html_page_gives_main_text_and_metadata():
    (article,) = read(CORPUS / "pages" / "wind-farm.html")[0]
    assert article.id == "wind-farm"
    assert article.title == "Offshore wind farm wins planning approval"
    assert article.url == "https://herald.example/energy/offshore-wind-farm-approval"
    assert article.published == "2024-02-14"
    assert article.source == "Northern Coast Herald"
    assert "48-turbine wind farm off the Kessley headland" in article.text
    assert "Home" not in article.text and "All rights reserved" not in article.text
    paragraphs = [p for p in article.text.split("\n") if p.strip()]
    assert any(p.startswith("The developer, Greyling Renewables") for p in paragraphs)
    assert len(paragraphs) >= 4


def test_jsonl_records_round_trip_and_html_field_is_extracted():
    articles, errors = read(CORPUS / "feeds" / "wire.jsonl")
    assert errors == []
    first, second, third = articles
    assert first.id == "wire-001"
    assert first.url == "https://wire.example/2024/03/rail-strike"
    assert first.source == "Example Wire"
    assert first.published == "2024-03-02"
    assert first.title == "Rail workers announce two-day strike"
    assert first.text.startswith("Rail workers on the western network") and "\nThe union said" in first.text
    assert first.origin == f"{CORPUS / 'feeds' / 'wire.jsonl'}:1"
    # html field: text extracted, empty title filled from the page, record url/date kept
    assert "Free school meals will be extended" in second.text and "<p>" not in second.text
    assert second.title == "Free school meals extended"
    assert second.url == "https://wire.example/2024/03/school-meals"
    assert second.published == "2024-03-03"
    # no id field: <file stem>:<line>
    assert third.id == "wire:3" and third.origin.endswith("wire.jsonl:3")


def test_csv_rows_round_trip_with_multiline_cells():
    articles, errors = read(CORPUS / "feeds" / "briefs.csv")
    assert errors == []
    first, second = articles
    assert first.id == "brief-1" and first.source == "Valley Daily" and first.published == "2024-04-10"
    assert first.text == (
        "The covered market hall will get a new slate roof this summer, traders were told at a meeting "
        "on Tuesday.\nWork is due to start in June and last ten weeks."
    )
    # the first row spans lines 2-3, so the second row starts on line 4
    assert first.origin.endswith("briefs.csv:2") and second.origin.endswith("briefs.csv:4")
    assert second.url == "https://daily.example/briefs/2"


# ---------------------------------------------------------------- text policy


def test_bom_is_stripped_and_crlf_becomes_lf(tmp_path):
    write(tmp_path / "crlf.txt", "\ufeffFloods close coast road\r\n\r\nThe coast road closed at noon.\r\n")
    (article,) = read(tmp_path)[0]
    assert article.text == "Floods close coast road\n\nThe coast road closed at noon.\n"
    assert article.title == "Floods close coast road"


@pytest.mark.parametrize(
    ("content", "title"),
    [
        ("The mayor said on Monday that the budget would rise.\nMore text follows here.", ""),
        ("Budget talks stall\nThe mayor said talks had stalled.", "Budget talks stall"),
        ("Will the budget pass?\n\nCouncillors vote on Tuesday.", "Will the budget pass?"),
        ("Budget talks stall\n==================\n\nThe mayor said talks had stalled.", "Budget talks stall"),
        ("## Budget talks stall ##\n\nThe mayor said talks had stalled.", "Budget talks stall"),
        ("Only one line without a body", ""),
        ("---\nlayout: post\n---\nThe mayor spoke.", ""),
        (" ".join(["word"] * 40) + "\nbody", ""),
    ],
)
def test_title_is_taken_only_from_a_heading_like_first_line(tmp_path, content, title):
    write(tmp_path / "a.txt", content)
    (article,) = read(tmp_path / "a.txt")[0]
    assert article.title == title
    assert article.text == content


# ---------------------------------------------------------------- bad input


def test_each_bad_file_gives_one_specific_error_and_the_rest_is_still_read(tmp_path):
    write(tmp_path / "a-good.txt", FERRY)
    write(tmp_path / "b-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path / "c-empty.txt", "")
    write(tmp_path / "d-blank.md", "  \n\n\t \n")
    write(tmp_path / "e-latin1.txt", "Caf\u00e9 owners protest rent rise\n\nThe caf\u00e9 closed.".encode("latin-1"))
    write(tmp_path / "f-nav-only.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    write(tmp_path / "g-report.pdf", b"%PDF-1.7")
    write(tmp_path / "h-noext", "Some text")
    write(tmp_path / "z-good.md", "# Second good one\n\nBody text here.")
    articles, errors = read(tmp_path)
    assert [a.id for a in articles] == ["a-good", "z-good"]
    by_file = {Path(e.source).name: e.reason for e in errors}
    assert len(errors) == len(by_file) == 7
    assert by_file["b-binary.txt"].startswith("binary data: NUL byte at byte offset 8")
    assert by_file["c-empty.txt"].startswith("empty file")
    assert by_file["d-blank.md"].startswith("empty file")
    assert by_file["e-latin1.txt"].startswith("invalid UTF-8 at byte offset 3 (byte 0xe9)")
    assert by_file["f-nav-only.html"] == "HTML page has no extractable article text"
    assert by_file["g-report.pdf"].startswith("unsupported file extension '.pdf'")
    assert by_file["h-noext"].startswith("unsupported file type (no extension)")
    assert all(e.line is None for e in errors)


def test_invalid_utf8_offset_counts_the_stripped_bom(tmp_path):
    write(tmp_path / "a.txt", b"\xef\xbb\xbfAB\xffC")
    (err,) = read(tmp_path / "a.txt")[1]
    assert err.reason.startswith("invalid UTF-8 at byte offset 5 (byte 0xff)")


def test_html_in_a_declared_legacy_charset_is_decoded(tmp_path):
    html = page(body="Caf\u00e9 owners on the quay say rents have doubled since the harbour was sold, "
                     "and that three businesses have already closed this year.")
    html = html.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    write(tmp_path / "legacy.html", html.encode("cp1252"))
    (article,), errors = read(tmp_path)
    assert errors == []
    assert "Caf\u00e9 owners on the quay" in article.text


def test_bad_jsonl_lines_are_reported_by_line_and_good_lines_kept(tmp_path):
    good = json.dumps({"id": "ok-1", "text": "The bypass opened on Friday."})
    lines = [
        good.encode(),
        b'{"id": "broken", "text": "unterminated}',
        b'["an", "array"]',
        json.dumps({"id": "no-text", "title": "Headline only"}).encode(),
        json.dumps({"id": "empty", "text": "   "}).encode(),
        json.dumps({"id": "typed", "text": ["a", "list"]}).encode(),
        json.dumps({"id": "title-obj", "text": "Body.", "title": {"x": 1}}).encode(),
        b'{"id": "latin", "text": "caf\xe9"}',
        b"",
        json.dumps({"id": 7, "text": "The ring road reopened after resurfacing."}).encode(),
    ]
    write(tmp_path / "feed.jsonl", b"\n".join(lines) + b"\n")
    articles, errors = read(tmp_path)
    assert [a.id for a in articles] == ["ok-1", "7"]
    reasons = {e.line: e.reason for e in errors}
    assert set(reasons) == {2, 3, 4, 5, 6, 7, 8}
    assert reasons[2].startswith("malformed JSON: Unterminated string")
    assert reasons[3].startswith("JSON line is an array, expected an object")
    assert reasons[4] == "record has no 'text' or 'html' field"
    assert "is empty" in reasons[5]
    assert reasons[6] == "field 'text' must be a string, got list"
    assert reasons[7] == "field 'title' must be a string, got dict"
    offset_line8 = sum(len(line) + 1 for line in lines[:7]) + len(b'{"id": "latin", "text": "caf')
    assert reasons[8].startswith(f"invalid UTF-8 at byte offset {offset_line8} (byte 0xe9")
    assert all(e.source == str(tmp_path / "feed.jsonl") for e in errors)


def test_jsonl_html_field_without_article_text_is_an_error(tmp_path):
    rec = {"id": "menu", "html": "<html><body><nav>Home | News</nav></body></html>"}
    write(tmp_path / "f.ndjson", json.dumps(rec) + "\n")
    (err,) = read(tmp_path)[1]
    assert (err.line, err.reason) == (1, "field 'html' has no extractable article text")


def test_binary_file_with_jsonl_extension_is_reported_once(tmp_path):
    write(tmp_path / "f.jsonl", b"\x00\x01\x02garbage\n\x00more\n")
    assert read(tmp_path)[1] == [
        ReadError(str(tmp_path / "f.jsonl"), 1,
                  "binary data: NUL byte at byte offset 0; this is not a JSON Lines file, the rest of it is skipped")
    ]


def test_empty_jsonl_and_header_only_csv_are_errors(tmp_path):
    write(tmp_path / "a.jsonl", "\n\n")
    write(tmp_path / "b.csv", "id,text\n")
    write(tmp_path / "c.csv", "")
    errors = read(tmp_path)[1]
    assert [(Path(e.source).name, e.reason) for e in errors] == [
        ("a.jsonl", "empty file (no JSON lines)"),
        ("b.csv", "CSV file has a header but no data rows"),
        ("c.csv", "empty file (no CSV header row)"),
    ]


def test_csv_without_text_column_and_ragged_rows(tmp_path):
    write(tmp_path / "a.csv", "id,headline,body\n1,Title,Text\n")
    write(tmp_path / "b.csv", 'id,text\nr1,"A full row."\nr2,"Too many",fields\nr3,"Fine again."\n')
    articles, errors = read(tmp_path)
    assert [a.id for a in articles] == ["r1", "r3"]
    assert errors[0].reason == "CSV header has no 'text' or 'html' column (found: id, headline, body)"
    assert (errors[1].line, errors[1].reason) == (3, "row has 3 fields but the header has 2")


def test_missing_path_raises_input_error_before_anything_is_read(tmp_path):
    write(tmp_path / "a.txt", FERRY)
    with pytest.raises(InputError, match="no such file or directory: .*nope"):
        read_sources([tmp_path / "a.txt", tmp_path / "nope"])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_unreadable_file_is_a_read_error(tmp_path):
    locked = write(tmp_path / "a-locked.txt", FERRY)
    write(tmp_path / "b-open.txt", FERRY)
    locked.chmod(0)
    try:
        articles, errors = read(tmp_path)
    finally:
        locked.chmod(0o644)
    assert [a.id for a in articles] == ["b-open"]
    assert errors == [ReadError(str(locked), None, "cannot read file: permission denied")]


# ---------------------------------------------------------------- ids, order, laziness


def test_duplicate_ids_are_disambiguated_never_dropped(tmp_path):
    write(tmp_path / "a" / "story.txt", "First version\n\nThe mill closed.")
    write(tmp_path / "b" / "story.md", "Second version\n\nThe mill shut.")
    write(tmp_path / "c" / "story~2.txt", "Third file\n\nAlready named like a duplicate.")
    write(tmp_path / "d.jsonl", json.dumps({"id": "story", "text": "Fourth copy."}) + "\n")
    articles, errors = read(tmp_path)
    assert errors == []
    assert [(a.id, Path(a.origin.split(":")[0]).name) for a in articles] == [
        ("story", "story.txt"),
        ("story~2", "story.md"),
        ("story~2~2", "story~2.txt"),
        ("story~3", "d.jsonl"),
    ]
    assert len({a.id for a in articles}) == 4


def test_hidden_entries_are_skipped_and_same_file_is_read_once(tmp_path):
    write(tmp_path / ".cache" / "old.txt", FERRY)
    write(tmp_path / ".draft.txt", FERRY)
    ferry = write(tmp_path / "ferry.txt", FERRY)
    articles, errors = read(tmp_path, ferry)
    assert [a.id for a in articles] == ["ferry"] and errors == []


def test_sorted_order_interleaves_files_and_directories_by_name(tmp_path):
    for rel in ["b.txt", "a/z.txt", "c/a.txt", "a.txt", "A-upper.txt"]:
        write(tmp_path / rel, f"Headline {rel}\n\nBody for {rel}.")
    articles = read(tmp_path)[0]
    assert [Path(a.origin).relative_to(tmp_path).as_posix() for a in articles] == [
        "A-upper.txt", "a/z.txt", "a.txt", "b.txt", "c/a.txt",
    ]


def test_read_sources_is_lazy(tmp_path):
    write(tmp_path / "a.txt", FERRY)
    later = write(tmp_path / "b.txt", FERRY)
    result = read_sources([tmp_path])
    assert isinstance(result, types.GeneratorType)
    first = next(result)
    assert first.id == "a"
    later.unlink()  # not opened yet, so the generator only finds out now
    (rest,) = list(result)
    assert isinstance(rest, ReadError) and rest.source == str(later) and "file not found" in rest.reason


def test_detect_format_strips_compression_and_extension():
    assert detect_format("wire.JSONL.gz") == ("jsonl", "gzip", "wire")
    assert detect_format("a.b.csv.zst") == ("csv", "zstd", "a.b")
    assert detect_format("crawl.warc.gz") == ("warc", "gzip", "crawl")
    assert detect_format("t.parquet.gz")[0] is None
    assert detect_format("notes")[0] is None


# ---------------------------------------------------------------- column map


def test_column_map_renames_fields_for_jsonl_and_csv(tmp_path):
    cols = ColumnMap(id="doc_id", url="link", source="outlet", published="date", title="headline", text="body")
    rec = {"doc_id": "n-1", "link": "https://x.example/1", "outlet": "X News", "date": "2024-01-05",
           "headline": "Snow closes schools", "body": "Schools closed after heavy snow.", "text": "ignored"}
    write(tmp_path / "a.jsonl", json.dumps(rec) + "\n")
    write(tmp_path / "b.csv", "doc_id,headline,body,date\nn-2,Gritters out,Gritters worked overnight.,2024-01-06\n")
    articles, errors = read(tmp_path, columns=cols)
    assert errors == []
    a, b = articles
    assert (a.id, a.url, a.source, a.published, a.title, a.text) == (
        "n-1", "https://x.example/1", "X News", "2024-01-05", "Snow closes schools", "Schools closed after heavy snow.")
    assert (b.id, b.title, b.text, b.published) == ("n-2", "Gritters out", "Gritters worked overnight.", "2024-01-06")
    # with the default map the csv has no text column
    assert "no 'text' or 'html' column" in read(tmp_path / "b.csv")[1][0].reason


# ---------------------------------------------------------------- compression


def test_gzip_and_zstd_are_transparent_for_line_and_text_formats(tmp_path):
    zstd = pytest.importorskip("zstandard")
    jsonl = "".join(json.dumps({"id": f"z{i}", "text": f"Story number {i}."}) + "\n" for i in range(3))
    write(tmp_path / "a.jsonl.gz", gzip.compress(jsonl.encode()))
    write(tmp_path / "b.csv.zst", zstd.ZstdCompressor().compress(b"id,text\nc1,Compressed row.\n"))
    write(tmp_path / "c.txt.gz", gzip.compress(FERRY.encode()))
    write(tmp_path / "d.html.zst", zstd.ZstdCompressor().compress(page().encode()))
    articles, errors = read(tmp_path)
    assert errors == []
    assert [a.id for a in articles] == ["z0", "z1", "z2", "c1", "c", "d"]
    assert articles[0].origin == f"{tmp_path / 'a.jsonl.gz'}:1"
    assert articles[4].text == FERRY and articles[4].title.startswith("Harbour ferry")
    assert articles[5].published == "2024-07-19"


def test_corrupt_gzip_is_one_error_and_reading_goes_on(tmp_path):
    write(tmp_path / "a.jsonl.gz", b"this is not gzip at all")
    data = gzip.compress(("".join(json.dumps({"text": f"Line {i} " * 50}) + "\n" for i in range(200))).encode())
    write(tmp_path / "b.jsonl.gz", data[: len(data) // 2])
    write(tmp_path / "c.txt", FERRY)
    articles, errors = read(tmp_path)
    assert articles[-1].id == "c"
    assert [Path(e.source).name for e in errors] == ["a.jsonl.gz", "b.jsonl.gz"]
    assert all(e.reason.startswith("corrupt or truncated gzip stream") for e in errors)
    assert 0 < len(articles) - 1 < 200  # the readable part of the truncated file was kept


# ---------------------------------------------------------------- parquet


def test_parquet_rows_round_trip_across_batches(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    n = 2500
    table = pa.table({
        "doc": [f"p{i}" if i != 5 else None for i in range(n)],
        "headline": [f"Headline {i}" for i in range(n)],
        "body": [f"Body of story {i}.\nSecond paragraph." if i != 7 else None for i in range(n)],
        "published": [f"2024-05-{i % 28 + 1:02d}" for i in range(n)],
    })
    pq.write_table(table, tmp_path / "big.parquet", row_group_size=700)
    articles, errors = read(tmp_path, columns=ColumnMap(id="doc", title="headline", text="body"))
    assert len(articles) == n - 1
    assert errors == [ReadError(str(tmp_path / "big.parquet"), 8, "record has no 'body' or 'html' field")]
    assert articles[0] == Article(id="p0", text="Body of story 0.\nSecond paragraph.",
                                  origin=f"{tmp_path / 'big.parquet'}:1", title="Headline 0", published="2024-05-01")
    assert articles[5].id == "big:6"
    assert articles[-1].id == f"p{n - 1}"


def test_parquet_timestamps_become_iso_strings_and_bad_files_are_errors(tmp_path):
    import datetime as dt

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    when = dt.datetime(2024, 6, 1, 8, 30)
    pq.write_table(pa.table({"text": ["Timed story."], "published": [when]}), tmp_path / "a.parquet")
    pq.write_table(pa.table({"title": ["No body"]}), tmp_path / "b.parquet")
    write(tmp_path / "c.parquet", b"PAR1 this is not really parquet")
    articles, errors = read(tmp_path)
    assert articles[0].published == "2024-06-01T08:30:00"
    assert errors[0].reason == "Parquet file has no 'text' or 'html' column (found: title)"
    assert errors[1].reason.startswith("not a readable Parquet file")


# ---------------------------------------------------------------- warc


def warc_record(uri: str, body: bytes, rid: str, *, ctype="text/html; charset=utf-8", status="200 OK",
                date="2024-08-01T12:00:00Z") -> bytes:
    http = (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Date: {date}\r\n"
        f"WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def crawl() -> bytes:
    return b"".join([
        warc_record("https://courier.example/news/reservoir", page().encode(), "0001"),
        warc_record("https://courier.example/logo.png", b"\x89PNG\r\n\x1a\n\x00", "0002", ctype="image/png"),
        warc_record("https://courier.example/old", b"", "0003", status="301 Moved Permanently"),
        warc_record("https://courier.example/menu", b"<html><body><nav>Home</nav></body></html>", "0004"),
        warc_record("https://courier.example/news/ferry", page(title="Ferry fares frozen", date=None,
                    body="Ferry fares will be frozen for another year, the operator announced on Monday, "
                         "after a survey found that islanders spend twice the national average on travel.")
                    .encode(), "0005", date="2024-08-02T06:15:00Z"),
    ])


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles(tmp_path, name):
    pytest.importorskip("fastwarc")
    data = crawl()
    write(tmp_path / name, gzip.compress(data) if name.endswith(".gz") else data)
    articles, errors = read(tmp_path)
    path = str(tmp_path / name)
    assert errors == [ReadError(f"{path}#urn:uuid:0004", None, "HTML page has no extractable article text")]
    first, second = articles
    assert first.id == "urn:uuid:0001" and first.origin == f"{path}#urn:uuid:0001"
    assert first.url == "https://courier.example/news/reservoir"
    assert first.title == "Reservoir levels fall to a ten-year low"
    assert first.published == "2024-07-19"  # the page's own date beats the capture date
    assert "fell to 41 percent of capacity" in first.text
    assert second.title == "Ferry fares frozen"
    assert second.published == "2024-08-02T06:15:00Z"  # no page date: WARC-Date


def test_warc_without_html_and_garbage_warc_are_errors(tmp_path):
    pytest.importorskip("fastwarc")
    write(tmp_path / "a.warc", warc_record("https://x.example/a.css", b"body{}", "1", ctype="text/css"))
    write(tmp_path / "b.warc", b"this is not a web archive\n" * 5)
    write(tmp_path / "c.txt", FERRY)
    articles, errors = read(tmp_path)
    assert [a.id for a in articles] == ["c"]
    assert errors[0].reason == "no HTML response records found in the WARC file"
    assert errors[1].reason.startswith("not a readable WARC file")


# ---------------------------------------------------------------- speed


def test_ten_thousand_small_files_and_lines_are_all_read_in_order(tmp_path):
    # Speed is measured in benchmarks, not asserted here: a loaded machine must not fail the suite.
    corpus = tmp_path / "many"
    for i in range(10_000):
        write(corpus / f"d{i // 1000}" / f"s{i:05d}.txt", f"Story {i}\n\nA short body for story number {i}.\n")
    buf = io.StringIO()
    for i in range(10_000):
        buf.write(json.dumps({"id": f"j{i}", "title": f"T{i}", "text": f"Body of line {i}. " * 5}) + "\n")
    write(tmp_path / "big.jsonl", buf.getvalue())
    file_ids = [a.id for a in read_sources([corpus])]
    line_ids = [a.id for a in read_sources([tmp_path / "big.jsonl"])]
    assert file_ids == [f"s{i:05d}" for i in range(10_000)]
    assert line_ids == [f"j{i}" for i in range(10_000)]


# ---------------------------------------------------------------- more edges


def test_excel_style_csv_with_bom_crlf_bad_line_and_oversized_cell(tmp_path):
    data = (
        b"\xef\xbb\xbfid,title,text\r\n"
        b'r1,Huge,"' + b"word " * 30000 + b'"\r\n'
        b'r2,Two lines,"Flood warning lifted\r\nfor the lower valley."\r\n'
        b"r3,Latin-1,caf\xe9 reopens\r\n"
        b"r4,Last,The pier reopened.\r\n"
    )
    write(tmp_path / "x.csv", data)
    articles, errors = read(tmp_path)
    assert [(a.id, a.title, a.text) for a in articles] == [
        ("r2", "Two lines", "Flood warning lifted\nfor the lower valley."),
        ("r4", "Last", "The pier reopened."),
    ]
    assert [e.line for e in errors] == [2, 5]
    assert "field larger than field limit" in errors[0].reason and "JSONL or Parquet" in errors[0].reason
    bad_offset = data.index(b"\xe9")
    assert errors[1].reason.startswith(f"invalid UTF-8 at byte offset {bad_offset} (byte 0xe9")


def test_permission_denied_is_a_read_error_naming_the_file(tmp_path, monkeypatch):
    import unspun.ingest.text as text_reader

    write(tmp_path / "a.txt", FERRY)
    write(tmp_path / "b.txt", FERRY)
    real_open = text_reader.open_binary

    def guarded(path, compression):
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, compression)

    monkeypatch.setattr(text_reader, "open_binary", guarded)
    articles, errors = read(tmp_path)
    assert [a.id for a in articles] == ["b"]
    assert errors == [ReadError(str(tmp_path / "a.txt"), None, "cannot read file: permission denied")]


def test_a_single_path_string_is_not_iterated_character_by_character(tmp_path):
    write(tmp_path / "a.txt", FERRY)
    assert [a.id for a in read_sources(str(tmp_path))] == ["a"]


def test_broken_symlink_named_explicitly_is_an_input_error_and_inside_a_dir_a_read_error(tmp_path):
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "gone.txt").symlink_to(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="broken symbolic link"):
        read_sources([tmp_path / "dir" / "gone.txt"])
    (err,) = read(tmp_path / "dir")[1]
    assert err.source == str(tmp_path / "dir" / "gone.txt") and "file not found" in err.reason
