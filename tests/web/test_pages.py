"""The web pages, over HTTP against the real app and a real store."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest

from tests.api.conftest import Served
from tests.api.world import HINDI_B, OBFUSCATED_A, PHONE_A, PHONE_B

# A reference to another host: a scheme (`http:`, `https:`, `ftp:` ...) followed by `//`,
# or a scheme-relative `//host`.
OTHER_HOST = re.compile(r"[a-z][a-z0-9+.-]*://|(?<![:/])//[^/\s]", re.IGNORECASE)


class _Links(HTMLParser):
    """Collects every URL an HTML document refers to (href, src, action, ...)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.inline: list[str] = []  # script bodies and on* handler attributes
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_script = tag == "script"
        for name, value in attrs:
            if name in ("href", "src", "action", "srcset", "poster", "data", "formaction"):
                self.urls.append(value or "")
            if name.startswith("on"):
                self.inline.append(f"{tag} {name}")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def _page(client: httpx.Client, path: str, **params: str) -> str:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return response.text


def test_home_has_a_search_box_and_declares_language_and_encoding(client: httpx.Client) -> None:
    html = _page(client, "/")

    assert html.startswith("<!doctype html>")
    assert '<html lang="en">' in html
    assert '<meta charset="utf-8">' in html
    assert '<form class="search big" action="/search" method="get"' in html
    assert 'name="q"' in html
    assert '<link rel="stylesheet" href="/static/style.css">' in html


def test_the_stylesheet_is_served_by_the_app_with_a_devanagari_font(
    client: httpx.Client,
) -> None:
    response = client.get("/static/style.css")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert '"Noto Sans Devanagari"' in response.text


def test_search_lists_entities_before_records(client: httpx.Client, served: Served) -> None:
    html = _page(client, "/search", q=OBFUSCATED_A)

    entity = html.index('href="/entity?id=phone%3A%2B919877555432"')
    record = html.index(f'href="/record?id={served.records["ad-101"]}"')
    assert entity < record
    assert f'<mark class="m-phone">{OBFUSCATED_A}</mark>' in html


def test_search_without_words_asks_for_some(client: httpx.Client) -> None:
    html = _page(client, "/search", q="  ")

    assert "Type a phone" in html


def test_entity_page_lists_the_ad_and_the_booking_sharing_the_phone(
    client: httpx.Client, served: Served
) -> None:
    html = _page(client, "/entity", id=PHONE_A)

    ads, bookings, others = (html.index(f'<section id="{k}">') for k in ("ad", "booking", "entity"))
    assert ads < bookings < others
    assert html.index(f'href="/record?id={served.records["ad-101"]}"') in range(ads, bookings)
    assert html.index(f'href="/record?id={served.records["bk-201"]}"') in range(bookings, others)
    assert f'<mark class="m-phone">{OBFUSCATED_A}</mark>' in html
    guest_phone = '<span class="field">guest phone:</span> <mark class="m-phone">+91 98775 55432'
    assert guest_phone in html
    assert 'href="/entity?id=hotel%3Ahotel+sagar%7Cpune"' in html


def test_an_entity_page_with_more_links_than_shown_offers_the_rest(
    client: httpx.Client, served: Served
) -> None:
    short = _page(client, "/entity", id=PHONE_A, limit=1)
    longer = _page(client, "/entity", id=PHONE_A, limit=4)

    assert 'class="more-links" href="/entity?id=phone%3A%2B919877555432&amp;limit=4"' in short
    assert short.count('href="/record?id=') < longer.count('href="/record?id=')
    assert served.records["bk-201"] in longer


def test_entity_page_shows_devanagari_evidence_as_hindi(client: httpx.Client) -> None:
    html = _page(client, "/entity", id=PHONE_B)

    assert f'<mark class="m-phone">{HINDI_B}</mark>' in html
    assert '<span class="snippet" lang="hi">नई लड़कियाँ मुंबई में' in html
    assert '<section id="case_report">' in html
    assert '<span class="field">accused 1 phone:</span>' in html


def test_record_page_marks_every_mention_by_kind(client: httpx.Client, served: Served) -> None:
    html = _page(client, "/record", id=served.records["ad-102"])

    assert ('<div class="text" lang="hi"><mark class="m-indicator" title="indicator">नई लड़कियाँ'
            '</mark> <mark class="m-place" title="place">मुंबई</mark> में, कॉल करें ') in html
    assert re.search(r'<mark class="m-phone"[^>]*><a href="/entity\?id=phone%3A%2B919123456780">'
                     + HINDI_B + "</a></mark>", html)
    assert re.search(r'<mark class="m-account"[^>]*><a href="[^"]+">@mumbai_fresh_vip</a></mark>',
                     html)


def test_record_page_marks_mentions_in_fields(client: httpx.Client, served: Served) -> None:
    html = _page(client, "/record", id=served.records["fir-301"])

    assert re.search(r'<th scope="row">accused 1 phone</th>\s*<td><mark class="m-phone"', html)
    assert 'lang="hi">आरोपी ने' in html


def test_text_from_records_is_escaped(client: httpx.Client, served: Served) -> None:
    for html in (
        _page(client, "/record", id=served.records["ad-104"]),
        _page(client, "/search", q="alert Meena"),
        _page(client, "/search", q="<script>alert(1)</script>"),
    ):
        assert "<script" not in html
        assert "<b>" not in html
        assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("path", "params", "status", "says"),
    [
        ("/entity", {"id": "phone:+910000000000"}, 404, "There is no entity"),
        ("/record", {"id": "r00000000000000000000"}, 404, "There is no record"),
        ("/entity", {}, 422, "id: Field required"),
        ("/nowhere", {}, 404, "Not Found"),
    ],
)
def test_errors_are_pages(
    client: httpx.Client, path: str, params: dict, status: int, says: str
) -> None:
    response = client.get(path, params=params)

    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert says in response.text


def test_no_page_refers_to_another_host_or_runs_script(
    client: httpx.Client, served: Served
) -> None:
    stats = client.get("/api/stats").json()
    assert sum(stats["records"].values()) > 0
    entities = [e["id"] for q in ("call", "hotel", "Pune", PHONE_A, PHONE_B, "@mumbai_fresh_vip")
                for e in client.get("/api/search", params={"q": q}).json()["entities"]]
    pages = [("/", {}), ("/search", {"q": "call"}), ("/search", {"q": OBFUSCATED_A}),
             ("/api/docs", {}), ("/entity", {"id": "nope:nope"}), ("/entity", {})]
    pages += [("/entity", {"id": e}) for e in set(entities)]
    pages += [("/record", {"id": r}) for r in served.records.values()]
    pages += [("/graph", {"id": PHONE_B})]
    for path, params in pages:
        response = client.get(path, params=params)
        html = response.text
        assert not OTHER_HOST.search(html), (path, params, OTHER_HOST.search(html))
        links = _Links()
        links.feed(html)
        assert not links.inline and "iframe" not in links.tags, path
        assert all(u.startswith(("/", "#")) and not u.startswith("//") for u in links.urls), (
            path, links.urls)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'self'" in policy
        assert "unsafe-inline" not in policy
    css = client.get("/static/style.css").text
    assert not OTHER_HOST.search(css)
    assert "url(" not in css and "@import" not in css


def test_no_script_or_stylesheet_the_pages_load_refers_to_another_host(
    client: httpx.Client,
) -> None:
    """Every asset is served by the app; licence comments may name a site, code may not."""
    pages = [client.get("/").text, client.get("/graph", params={"id": PHONE_B}).text]
    assets = {u for html in pages for u in re.findall(r'(?:src|href)="(/static/[^"]+)"', html)}
    assert {"/static/graph.js", "/static/vendor/cytoscape.min.js",
            "/static/style.css"} <= assets
    for asset in sorted(assets):
        response = client.get(asset)
        assert response.status_code == 200, asset
        if asset.endswith((".js", ".css")):
            code = re.sub(r"/\*.*?\*/", "", response.text, flags=re.S)
            assert not re.search(r"https?://|url\(\s*['\"]?//", code), asset
