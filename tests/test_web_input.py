"""Web input as trafilatura reads it: any script, lying charsets, stray bytes, odd WARC files.

Every page here is written for the test (no real page is copied): Japanese and Chinese news briefs,
a page declaring gb2312 that uses GBK-only characters, UTF-8 pages with a stray byte or NUL, WARC
records with LF-only HTTP headers and a WARC cut off in its last record.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import pytest

from unspun.ingest import read_sources
from unspun.ingest.charset import decode_html
from unspun.ingest.html import is_prose
from unspun.ingest.language import detect_language
from unspun.records import Article, ReadError

JAPANESE = [
    "市議会は十二日、老朽化した市民病院の建て替え計画を賛成多数で可決した。",
    "新しい病院は二〇二八年の開業を目指し、病床数は現在より五十床多い三百二十床となる予定だ。",
    "市長は記者会見で「地域医療の拠点として、救急患者の受け入れ体制を強化したい」と述べた。",
]
# 镕 and 喆 are in GBK but not in GB2312: a page labelled gb2312 that uses them is really GBK.
CHINESE = [
    "本市今年夏季用电负荷连创新高，供电公司周三表示将在未来两周内新增三座变电站。",
    "工程师王喆介绍，新变电站投入使用后，城区高峰时段的停电风险将明显降低。",
    "市民朱镕表示，希望有关部门提前公布检修计划，方便居民安排生活。",
]
ENGLISH = [
    "Passenger ferries between Port Caldwell and Merrow Island will resume on Monday, the regional "
    "transport authority said on Thursday.",
    "The service was suspended six weeks ago after a routine inspection found corrosion on the "
    "landing stage at the island pier.",
]


def html_page(paragraphs: list[str], *, charset: str = "utf-8", title: str = "News") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
        f'<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>\n{body}\n</article></body></html>'
    )


def read(*paths):
    items = list(read_sources([*paths]))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)]


def warc_record(body: bytes, rid: str, *, ctype: str = "text/html; charset=utf-8", eol: bytes = b"\r\n",
                cut: int = 0) -> bytes:
    http = b"HTTP/1.1 200 OK" + eol + b"Content-Type: " + ctype.encode() + eol + eol + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
        f"WARC-Date: 2024-08-01T12:00:00Z\r\nWARC-Target-URI: https://news.example/{rid}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    if cut:
        return head + http[:-cut]
    return head + http + b"\r\n\r\n"


# ---------------------------------------------------------------- scripts without spaces


def test_japanese_and_chinese_pages_are_articles(tmp_path):
    (tmp_path / "ja.html").write_text(html_page(JAPANESE, title="市民病院の建て替え"), encoding="utf-8")
    (tmp_path / "zh.html").write_text(html_page(CHINESE, title="新增变电站"), encoding="utf-8")
    articles, errors = read(tmp_path)
    assert errors == []
    by_id = {a.id: a for a in articles}
    assert JAPANESE[1] in by_id["ja"].text
    assert CHINESE[0] in by_id["zh"].text


def test_prose_rule_counts_characters_in_unspaced_scripts_and_words_elsewhere():
    assert is_prose(JAPANESE[0])
    assert is_prose("供电公司周三表示新增变电站")  # 13 Han characters: a short sentence
    assert not is_prose("首页 新闻 体育 财经")  # a menu: 8 characters in four items
    assert not is_prose("ホーム | ニュース")
    assert is_prose("The council voted on Monday")
    assert not is_prose("Home News Sport Weather")


def test_a_chinese_menu_only_page_is_still_not_an_article(tmp_path):
    menu = '<html><head><meta charset="utf-8"></head><body><nav><a href="/">首页</a> <a href="/n">新闻</a> <a href="/s">体育</a></nav></body></html>'
    (tmp_path / "menu.html").write_text(menu, encoding="utf-8")
    articles, errors = read(tmp_path)
    assert articles == []
    assert [e.reason for e in errors] == ["HTML page has no extractable article text"]


# ---------------------------------------------------------------- charsets and stray bytes


def test_page_declaring_gb2312_with_gbk_characters_is_read_as_gbk(tmp_path):
    data = html_page(CHINESE, charset="gb2312", title="新增变电站").encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")  # the premise: the label is wrong
    (tmp_path / "gbk.html").write_bytes(data)
    articles, errors = read(tmp_path)
    assert errors == []
    assert "王喆" in articles[0].text and "朱镕" in articles[0].text


def test_gbk_page_in_a_warc_with_a_gb2312_http_charset_is_not_mangled(tmp_path):
    pytest.importorskip("fastwarc")
    body = html_page(CHINESE, charset="gb2312").encode("gbk")
    (tmp_path / "c.warc").write_bytes(warc_record(body, "zh1", ctype="text/html; charset=gb2312"))
    articles, errors = read(tmp_path)
    assert errors == []
    assert CHINESE[2] in articles[0].text


def test_one_stray_byte_and_a_nul_in_a_utf8_page_are_replaced_not_fatal(tmp_path):
    data = html_page(JAPANESE + ENGLISH).encode("utf-8")
    at = data.index("landing".encode())
    data = data[:at] + b"\xa0\x00" + data[at:]
    (tmp_path / "stray.html").write_bytes(data)
    articles, errors = read(tmp_path)
    assert errors == []
    assert JAPANESE[2] in articles[0].text  # the UTF-8 around the bad byte is intact
    assert "\ufffdlanding" in articles[0].text
    decoded = decode_html(data)
    assert (decoded.charset, decoded.replaced) == ("utf-8", 2)


def test_latin1_page_without_a_declared_charset_is_detected_not_replaced():
    text = ("Le conseil municipal a voté lundi la rénovation de l'école du quartier; les travaux "
            "débuteront à la rentrée et coûteront près de deux millions d'euros, a précisé la mairie.")
    data = f"<html><body><p>{text}</p></body></html>".encode("latin-1")
    decoded = decode_html(data)
    assert text in decoded.text
    assert decoded.replaced == 0


def test_binary_data_named_html_is_still_refused(tmp_path):
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    articles, errors = read(tmp_path)
    assert articles == []
    assert errors[0].reason.startswith("binary data: control byte 0x1a at byte offset 6 (")


def test_utf16_html_and_text_files_are_decoded(tmp_path):
    (tmp_path / "page.html").write_bytes(html_page(ENGLISH).encode("utf-16"))  # with a BOM
    (tmp_path / "note.txt").write_bytes("\n".join(ENGLISH).encode("utf-16-le"))  # without one
    (tmp_path / "memo.txt").write_bytes("\n".join(JAPANESE).encode("utf-16"))
    articles, errors = read(tmp_path)
    assert errors == []
    texts = {a.id: a.text for a in articles}
    assert texts["note"] == "\n".join(ENGLISH)
    assert texts["memo"] == "\n".join(JAPANESE)
    assert ENGLISH[0] in texts["page"]


# ---------------------------------------------------------------- WARC quirks


def test_warc_records_with_lf_only_http_headers_are_read(tmp_path):
    pytest.importorskip("fastwarc")
    records = [warc_record(html_page([p]).encode(), f"lf{k}", eol=b"\n") for k, p in enumerate(ENGLISH)]
    (tmp_path / "clueweb.warc").write_bytes(b"".join(records))
    articles, errors = read(tmp_path)
    assert errors == []
    assert [a.text.splitlines()[-1] for a in articles] == ENGLISH


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_last_warc_record_is_reported_and_earlier_ones_kept(tmp_path, gz):
    pytest.importorskip("fastwarc")
    data = warc_record(html_page(ENGLISH).encode(), "whole") + warc_record(html_page(JAPANESE).encode(), "cut", cut=200)
    name = "crawl.warc.gz" if gz else "crawl.warc"
    (tmp_path / name).write_bytes(gzip.compress(data) if gz else data)
    articles, errors = read(tmp_path)
    assert [a.id for a in articles] == ["urn:uuid:whole"]
    assert len(errors) == 1
    assert errors[0].source.endswith("#urn:uuid:cut")
    assert errors[0].reason.startswith("truncated WARC record: the file ends after")


# ---------------------------------------------------------------- surrogates and size


def test_lone_surrogates_in_jsonl_become_replacement_characters(tmp_path):
    line = '{"id": "wire-\\udc80", "title": "Fares \\ud83d", "text": "Ferry fares will rise \\ud83d next month."}'
    assert "\\ud83d" in line  # escaped in the file, a lone surrogate once parsed
    (tmp_path / "wire.jsonl").write_text(line + "\n" + json.dumps({"id": "ok", "text": ENGLISH[0]}) + "\n")
    articles, errors = read(tmp_path)
    assert errors == []
    first = articles[0]
    assert first.id == "wire-\ufffd" and first.title == "Fares \ufffd"
    assert first.text == "Ferry fares will rise \ufffd next month."
    first.text.encode("utf-8")  # valid Unicode everywhere downstream
    assert articles[1].id == "ok"


def test_an_article_over_the_size_limit_is_refused_with_its_line(tmp_path):
    long_text = "Word " * 300
    lines = [json.dumps({"id": "short", "text": ENGLISH[0]}), json.dumps({"id": "long", "text": long_text})]
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "book.txt").write_text(long_text * 4)
    items = list(read_sources([tmp_path], max_chars=1000))
    assert [i.id for i in items if isinstance(i, Article)] == ["short"]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [(Path(e.source).name, e.line) for e in errors] == [("book.txt", None), ("wire.jsonl", 2)]
    assert all(e.reason.startswith("article too long: ") and "limit is 1,000 characters" in e.reason for e in errors)


# ---------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("text", "code"),
    [("".join(JAPANESE), "ja"), ("".join(CHINESE), "zh"), (" ".join(ENGLISH), "en"),
     ("Городской совет в понедельник утвердил новый бюджет для школ и больниц района.", "ru")],
)
def test_language_is_identified_offline(text, code):
    assert detect_language(text) == code


def test_too_little_text_has_no_language():
    assert detect_language("Hello world") == ""
    assert detect_language("12345 -- 678") == ""


# ---------------------------------------------------------------- language recorded, embeddings gated

COOKING = ("Сегодня я расскажу, как приготовить настоящий борщ. Сначала нужно сварить крепкий бульон "
           "из говядины, затем добавить свёклу, капусту и картофель. Главный секрет — немного уксуса, "
           "чтобы свёкла сохранила яркий цвет. Подавайте борщ со сметаной и чесночными пампушками.")
GAME = ("В новом обновлении игры разработчики добавили три карты и переработали систему рейтинга. "
        "Игроки теперь получают очки за командные победы, а не только за личную статистику. "
        "Сервера будут недоступны в четверг с утра из-за технических работ, сообщила студия.")


def test_articles_carry_their_language_from_ingest(tmp_path):
    (tmp_path / "ru.txt").write_text(COOKING, encoding="utf-8")
    (tmp_path / "ja.html").write_text(html_page(JAPANESE), encoding="utf-8")
    (tmp_path / "en.txt").write_text(" ".join(ENGLISH), encoding="utf-8")
    articles, errors = read(tmp_path)
    assert errors == []
    assert {a.id: a.language for a in articles} == {"ru": "ru", "ja": "ja", "en": "en"}


def test_a_reader_that_never_reads_the_language_can_skip_identifying_it(tmp_path):
    from unspun.ingest import read_file

    (tmp_path / "ru.txt").write_text(COOKING, encoding="utf-8")
    identified, = read_file(tmp_path / "ru.txt")
    skipped, = read_file(tmp_path / "ru.txt", identify_language=False)
    assert (identified.language, skipped.language) == ("ru", "")
    assert skipped == replace(identified, language="")  # everything else as read


def test_only_languages_the_model_knows_are_embedded():
    from unspun.clean import clean_article
    from unspun.embed import embeddable

    def lang(text, language=""):
        return clean_article(Article(id="x", text=text, origin="<t>", language=language))

    assert embeddable(lang(" ".join(ENGLISH)), ("en",))
    assert not embeddable(lang(COOKING), ("en",))  # identified on the spot when not recorded
    assert not embeddable(lang(" ".join(ENGLISH), "ru"), ("en",))  # the recorded language wins
    assert embeddable(lang("Short note."), ("en",))  # unidentifiable: benefit of the doubt
    assert embeddable(lang(COOKING), None)


@pytest.mark.slow
def test_unrelated_russian_pages_are_never_called_a_rewrite(tmp_path):
    pytest.importorskip("sentence_transformers")
    import unspun
    from unspun.config import EmbedConfig, ScanConfig

    (tmp_path / "cooking.txt").write_text(COOKING, encoding="utf-8")
    (tmp_path / "game.txt").write_text(GAME, encoding="utf-8")
    config = ScanConfig(embed=EmbedConfig(enabled=True, cache_dir=str(tmp_path / "cache")))
    result = unspun.scan([tmp_path], config)
    assert [p.relation for p in result.pairs if p.relation != "same-story"] == []
