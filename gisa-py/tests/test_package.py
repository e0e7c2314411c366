"""gisa's Python package against the CLI: the same records, the same CSV
rows, and errors carrying the library's kinds."""

import csv
import io
import json

import pytest

import gisa
from conftest import ROOT, cli_records, dumps, fixture_texts, run_cli, without_path


def write_archive(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_the_readme_example():
    assert gisa.extract("도는 80개 사업에 1,039억 원을 투자한다.")["amounts"][0]["value"] == 103_900_000_000


def test_extract_is_the_cli_record_byte_for_byte(gisa_bin, tmp_path):
    texts = fixture_texts()[:12]
    rows = [{"text": t} for t in texts]
    # Metadata as an archive gives it: url decides the id, title and published are taken as given.
    rows[1].update(url="https://news.example/a/1", title="제목", published="2024.01.17")
    rows[2].update(url="https://news.example/a/2")
    archive = tmp_path / "a.jsonl"
    write_archive(archive, rows)
    lines = run_cli(gisa_bin, archive).splitlines()
    assert len(lines) == len(rows)
    for row, line in zip(rows, lines):
        cli = json.loads(line)
        # The CLI's line is its record's compact serialisation, so comparing
        # serialisations compares the bytes.
        assert dumps(cli) == line
        assert cli["source"].pop("path") .startswith(str(archive))
        record = gisa.extract(row["text"], url=row.get("url"), title=row.get("title"), published=row.get("published"))
        assert dumps(record) == dumps(cli)
    assert gisa.extract(rows[1]["text"], url=rows[1]["url"])["source"]["url"] == "https://news.example/a/1"


def test_extract_html_is_the_cli_record_of_the_file(gisa_bin):
    pages = sorted((ROOT / "fixtures" / "html").glob("*.html"))
    assert len(pages) >= 10
    for page in pages:
        (cli,) = cli_records(gisa_bin, page)
        assert "error" not in cli, cli
        record = gisa.extract_html(page.read_bytes())
        assert dumps(record) == dumps(without_path(cli)), page
    # An EUC-KR page says so, as the CLI's record does.
    assert any("encoding" in gisa.extract_html(p.read_bytes())["source"] for p in pages)
    with_url = gisa.extract_html(pages[0].read_bytes(), url="https://news.example/p/1")
    assert with_url["source"]["url"]


def test_extract_many_keeps_order_and_gives_every_item_once(gisa_bin, tmp_path):
    texts = fixture_texts()
    # More items than a chunk (32 per thread) several times over, so chunks
    # overlap, with bad items spread among them.
    items = []
    for i in range(300):
        if i % 37 == 5:
            items.append({"title": "no text"})
        elif i % 53 == 7:
            items.append(12345)
        elif i % 2:
            items.append({"text": texts[i % len(texts)], "url": f"https://news.example/{i}"})
        else:
            items.append(texts[i % len(texts)])
    out = list(gisa.extract_many(iter(items), jobs=2))
    assert len(out) == len(items)
    for i, (item, record) in enumerate(zip(items, out)):
        if isinstance(item, dict) and "text" in item:
            assert record["source"]["url"] == item["url"]
        elif isinstance(item, str):
            assert record["text"] and "error" not in record
        else:
            # A bad item yields its SPEC error object, naming it, in its place.
            assert set(record) == {"schema_version", "source", "error"}
            assert record["error"].startswith(f"item {i}:")
    # Each record is the one extract() gives for the item alone.
    for i in (0, 1, 2, 3, 298, 299):
        item = items[i]
        alone = gisa.extract(item) if isinstance(item, str) else gisa.extract(item["text"], url=item["url"])
        assert dumps(out[i]) == dumps(alone)
    # The same records on one thread, and from a list.
    assert [dumps(r) for r in gisa.extract_many(items[:70], jobs=1)] == [dumps(r) for r in out[:70]]
    # And the same as the CLI on the same archive, error objects included.
    archive = tmp_path / "many.jsonl"
    write_archive(archive, [{"text": i} if isinstance(i, str) else i if isinstance(i, dict) else {"text": ""} for i in items])
    cli = cli_records(gisa_bin, archive)
    assert len(cli) == len(items)
    for record, c in zip(out, cli):
        if "error" in c:
            assert "error" in record
        else:
            assert dumps(record) == dumps(without_path(c))


def test_extract_many_is_lazy_and_empty_input_is_empty():
    assert list(gisa.extract_many([])) == []
    gen = gisa.extract_many(["도는 3억원을 쓴다."] * 3)
    assert next(gen)["amounts"][0]["value"] == 300_000_000
    assert len(list(gen)) == 2
    with pytest.raises(ValueError):
        gisa.extract_many([], jobs=0)


def test_an_error_in_the_input_iterable_is_raised():
    def items():
        yield "도는 3억원을 쓴다."
        raise RuntimeError("the archive broke")

    with pytest.raises(RuntimeError, match="the archive broke"):
        list(gisa.extract_many(items()))


def test_mentions_frame_has_the_csv_columns_and_rows(gisa_bin, tmp_path):
    texts = fixture_texts()[:8]
    archive = tmp_path / "m.jsonl"
    write_archive(archive, [{"text": t, "url": f"https://news.example/{i}"} for i, t in enumerate(texts)])
    cli_csv = run_cli(gisa_bin, archive, "--format", "csv")
    header, *cli_rows = list(csv.reader(io.StringIO(cli_csv)))
    assert header == gisa.MENTION_COLUMNS
    records = [gisa.extract(t, url=f"https://news.example/{i}") for i, t in enumerate(texts)]
    frame = gisa.mentions_frame(records)
    assert list(frame.columns) == header
    assert len(frame) == len(cli_rows) > 20
    # Cell for cell, but for `source` (the CLI's file name for each row).
    source = header.index("source")
    rows = frame.values.tolist()
    for mine, theirs in zip(rows, cli_rows):
        assert mine[:source] + mine[source + 1:] == theirs[:source] + theirs[source + 1:]
    assert set(frame["kind"]) >= {"amount", "count", "year"}
    # An error object is a row of kind "error", as in the CSV.
    (err,) = gisa.mention_rows([{"schema_version": 1, "source": {}, "error": "item 0: no text"}])
    assert err[header.index("kind")] == "error" and err[header.index("text")] == "item 0: no text"


def test_mentions_frame_polars_when_installed():
    pl = pytest.importorskip("polars", reason="polars is not installed (pandas is the default)")
    frame = gisa.mentions_frame([gisa.extract("도는 3억원을 쓴다.")], library="polars")
    assert frame.columns == gisa.MENTION_COLUMNS and frame.height == 1


@pytest.mark.parametrize(
    "call, error, kind",
    [
        (lambda: gisa.extract(""), gisa.NoTextError, "no-text"),
        (lambda: gisa.extract("   \n "), gisa.NoTextError, "no-text"),
        (lambda: gisa.extract_html(b""), gisa.NotTextError, "not-text"),
        (lambda: gisa.extract_html((ROOT / "fixtures/html/bad/image.html").read_bytes()), gisa.NotTextError, "not-text"),
        (lambda: gisa.extract_html((ROOT / "fixtures/html/bad/navonly.html").read_bytes()), gisa.NoArticleError, "no-article"),
    ],
)
def test_errors_carry_the_library_kind(call, error, kind):
    with pytest.raises(error) as caught:
        call()
    assert isinstance(caught.value, gisa.GisaError) and isinstance(caught.value, ValueError)
    assert caught.value.kind == kind
    assert str(caught.value) == caught.value.message and caught.value.message


def test_extract_html_takes_bytes_or_str_only():
    page = (ROOT / "fixtures" / "html" / "h10.html").read_text(encoding="utf-8")
    assert gisa.extract_html(page)["text"] == gisa.extract_html(page.encode())["text"]
    with pytest.raises(TypeError):
        gisa.extract_html(123)


def test_stubs_and_marker_ship_with_the_package():
    from pathlib import Path

    here = Path(gisa.__file__).parent
    assert (here / "py.typed").exists() and (here / "__init__.pyi").exists()
    stub = (here / "__init__.pyi").read_text()
    for name in gisa.__all__:
        assert name in stub, name
    assert gisa.extractor_version() == gisa.extract("도는 3억원을 쓴다.")["extractor_version"]
