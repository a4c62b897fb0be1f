"""The search sources Pagefind reads (generator.store.searchsources)."""

from __future__ import annotations

from pathlib import Path

from generator.site.searchmarks import BODY_END, marked_body, without_repeated_sections
from generator.store import searchsources as ss


def test_the_search_body_is_the_marked_element_without_its_ignored_sections() -> None:
    html = without_repeated_sections(
        "<h1>Ann Lee</h1><p>Her words.</p><h2 data-search-exclude>Links</h2><div><p>Bo</p></div>"
    )
    page = f"<nav>Menu</nav>{marked_body(html, 'person', None, ['Ann Lee'])}<footer>F</footer>"
    body = ss.search_body(page)
    assert body is not None
    assert body.startswith(ss.BODY_START) and body.endswith("</div>")
    assert "Her words." in body and "Ann Lee" in body
    assert "Links" not in body and ">Bo<" not in body and "Menu" not in body
    assert BODY_END not in body


def test_a_page_without_a_search_body_or_its_end_has_none() -> None:
    assert ss.search_body("<html><body><p>Index</p></body></html>") is None
    assert ss.search_body(f"{ss.BODY_START}<p>cut short</p>") is None


def test_an_ignored_section_that_does_not_close_is_kept() -> None:
    body = f"<p>a</p>{ss.IGNORED_START}<div><p>b</p></div>"
    assert ss.without_ignored(body) == body
    nested = f"<p>a</p>{ss.IGNORED_START}<div><p>b</p></div></div><p>c</p>"
    assert ss.without_ignored(nested) == "<p>a</p><p>c</p>"


def test_the_kind_of_a_page_is_that_of_its_first_folder_and_profiles_share_one() -> None:
    for profile in ("people/ann-lee/index.html", "organisations/un/index.html"):
        assert ss.shard_kind(profile) == "profiles"
    assert ss.shard_kind("countries/iran/index.html") == "profiles"
    assert ss.shard_kind("articles/a/index.html") == "articles"
    assert ss.shard_kind("quotes/2024-08/index.html") == "quotes"
    assert ss.shard_kind("index.html") == ss.OTHER_KIND
    assert ss.shard_kind("timeline/index.html") == ss.OTHER_KIND


def test_articles_over_the_shard_size_are_cut_by_a_hash_that_keeps_each_in_place() -> None:
    small = ss.shard_name("articles", "articles/a/index.html", ss.SHARD_PAGES)
    assert small == "articles"
    paths = [f"articles/a{n}/index.html" for n in range(300)]
    two = {p: ss.shard_name("articles", p, ss.SHARD_PAGES + 1) for p in paths}
    assert set(two.values()) == {"articles-1", "articles-2"}
    assert two == {p: ss.shard_name("articles", p, 2 * ss.SHARD_PAGES) for p in paths}


def test_profiles_stay_in_one_shard_however_many_they_are() -> None:
    """Pagefind scores a word by its rarity within one index: a person and an organisation that
    share a name are ranked against each other only in the same index."""
    assert ss.shard_name("profiles", "people/x/index.html", 10 * ss.SHARD_PAGES) == "profiles"


def test_the_manifest_spares_reading_a_page_whose_file_is_unchanged(tmp_path: Path) -> None:
    site, manifest = tmp_path / "site", tmp_path / "manifest.json"
    for name in ("ann-lee", "bo-li"):
        (site / "people" / name).mkdir(parents=True)
        body = marked_body(f"<h1>{name}</h1>", "person", None, [name])
        (site / "people" / name / "index.html").write_text(body, encoding="utf-8")
    shards, bodies = ss.site_shards(site, manifest, "pagefind")
    assert [(s.name, s.pages) for s in shards] == [
        ("profiles", ("people/ann-lee/index.html", "people/bo-li/index.html"))
    ]
    assert len(bodies) == 2
    again, read = ss.site_shards(site, manifest, "pagefind")
    assert again == shards and read == {}
    (site / "people" / "bo-li" / "index.html").write_text(
        marked_body("<h1>Bo Li</h1>", "person", None, ["Bo Li"]), encoding="utf-8"
    )
    changed, read = ss.site_shards(site, manifest, "pagefind")
    assert list(read) == ["people/bo-li/index.html"]
    assert changed[0].digest != shards[0].digest


def test_sources_are_written_at_the_pages_paths(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "people" / "ann-lee").mkdir(parents=True)
    page = marked_body("<h1>Ann Lee</h1>", "person", None, ["Ann Lee"])
    (site / "people" / "ann-lee" / "index.html").write_text(page, encoding="utf-8")
    shards, _ = ss.site_shards(site, tmp_path / "manifest.json", "pagefind")
    ss.write_sources(site, shards[0], tmp_path / "sources", {})
    source = (tmp_path / "sources" / "people" / "ann-lee" / "index.html").read_text("utf-8")
    assert source.startswith("<!doctype html>") and "<h1>Ann Lee</h1>" in source
