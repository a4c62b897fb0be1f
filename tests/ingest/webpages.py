"""Web pages and feeds written for the tests, and a server for them on 127.0.0.1 only.

The stories are invented. An article page carries what real pages carry around the article:
a cookie banner, navigation, a share bar, a byline and a date, two photos with captions and
credits, an advertisement, related links, comments and a footer.
"""

from __future__ import annotations

import html
import http.server
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

# Page chrome: none of these may reach an article.
CHROME = (
    "We use cookies",
    "Accept all",
    "Home",
    "Opinion",
    "Share on Facebook",
    "Share on X",
    "Email this article",
    "Advertisement",
    "Related stories",
    "Sign up for our morning newsletter",
    "Most read",
    "Comments (2)",
    "About time they did something",
    "What about the bus drivers",
    "All rights reserved",
    "Privacy policy",
)


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    author: str
    date: str  # YYYY-MM-DD
    paragraphs: tuple[str, ...]
    heading: str = "What comes next"
    captions: tuple[tuple[str, str], ...] = ()  # (caption, credit)


STORIES = {
    s.slug: s
    for s in (
        Story(
            "ferry",
            "Harbour Council Approves New Ferry Line",
            "Mara Lindqvist",
            "2024-03-05",
            (
                "The harbour council of Port Elwin voted on Tuesday to open a ferry line to the "
                "islands of the northern bay, ending a dispute that had lasted three winters.",
                "Councillor Ines Varga said the line would carry four hundred passengers a day "
                "once the new pier is finished next spring.",
                "Fishermen had objected that the ferries would cross their grounds, and the "
                "council twice postponed the vote while a survey of the bay was made.",
                "Tickets will cost the same as the bus fare to the city, the council said.",
            ),
            captions=(
                ("The old ferry leaves Port Elwin at dawn.", "Jonas Ek/Ledger Pictures"),
                ("Workers measure the site of the new pier.", "Anna Holm/Coastal Agency"),
            ),
        ),
        Story(
            "orchard",
            "Frost Spares Most of the Valley Orchards",
            "Tomas Brandt",
            "2024-04-11",
            (
                "Growers in the Ostra valley counted their losses on Thursday after two nights "
                "of frost, and most found that the apple blossom had survived.",
                "The cooperative's chairwoman, Lena Fors, said fans and small fires kept the "
                "air moving over the lower slopes where the cold settles first.",
                "Cherry growers on the northern side fared worse, losing perhaps a third of "
                "their crop to the second night, which was colder than forecast.",
                "Insurers have sent assessors, and a meeting with the regional board is set "
                "for next week to discuss help for the worst hit farms.",
            ),
        ),
        Story(
            "library",
            "City Library Reopens After Two Years of Repairs",
            "Sofia Marin",
            "2024-05-20",
            (
                "The central library of Karsby opened its doors again on Monday, two years "
                "after a burst water main flooded its basement archive.",
                "Restorers dried and cleaned some eleven thousand maps and letters, and the "
                "archive now sits on the top floor, far from the pipes.",
                "Head librarian Omar Haddad said visitors had queued since seven o'clock, "
                "many of them children who had never seen the building open.",
                "A reading room for students will stay open until midnight during the "
                "examination weeks of June.",
            ),
        ),
        Story(
            "marathon",
            "Runner From Tallow Wins the Lakeside Marathon",
            "Petra Novak",
            "2024-06-02",
            (
                "Edith Moreau of Tallow won the Lakeside marathon on Sunday in two hours and "
                "twenty-nine minutes, breaking a course record that had stood since 2011.",
                "She pulled away from the leading group at the thirtieth kilometre, where "
                "the route climbs through the pine woods above the water.",
                "Last year's winner, Kenji Ito, dropped out with cramp shortly before the "
                "climb and walked the final stretch to applause.",
                "Organisers said almost nine thousand people started the race, a third more "
                "than last year, and water stations ran short near the finish.",
            ),
        ),
        Story(
            "bridge",
            "Engineers Find Cracks in the Old Toll Bridge",
            "Hugo Lind",
            "2024-07-15",
            (
                "Inspectors closed the old toll bridge at Brenmouth to lorries on Friday after "
                "finding cracks in two of the iron girders that carry its deck.",
                "Cars may still cross at walking pace while engineers decide whether the "
                "bridge can be repaired or must be rebuilt.",
                "The detour for heavy traffic adds forty minutes through the hill villages, "
                "whose residents fear the noise of lorries at night.",
                "The county's roads officer, Clara Weiss, said a decision was expected "
                "before the end of August.",
            ),
        ),
        Story(
            "choir",
            "Village Choir Takes First Prize in Vienna",
            "Ruth Adler",
            "2024-08-24",
            (
                "A choir of thirty singers from the mountain village of Holm won first prize "
                "at an international folk song festival in Vienna on Saturday.",
                "Their conductor, Nils Berg, a retired postman, founded the choir twelve years "
                "ago with six friends who sang in the village bakery.",
                "The jury praised a lullaby the choir had collected from an elderly shepherd "
                "and arranged for four voices.",
                "The singers return by train on Tuesday, and the village has planned a "
                "concert in the square to welcome them home.",
            ),
        ),
    )
}


def edited(story: Story, slug: str) -> Story:
    """The same story with one word changed (a near-duplicate), at another address."""
    first, *rest = story.paragraphs
    return Story(
        slug,
        story.title,
        story.author,
        story.date,
        (first.replace("Tuesday", "Wednesday", 1).replace("Thursday", "Friday", 1), *rest),
        story.heading,
        story.captions,
    )


def article_page(story: Story, base: str = "https://ledger.example/") -> str:
    """A full news page around the story."""
    e = html.escape
    paragraphs = [f"<p>{e(p)}</p>" for p in story.paragraphs]
    figures = [
        f'<figure><img src="/img/{story.slug}-{n}.jpg" alt="">'
        f'<figcaption>{e(caption)} <span class="credit">Photo: {e(credit)}</span></figcaption>'
        "</figure>"
        for n, (caption, credit) in enumerate(story.captions)
    ]
    body = [paragraphs[0], *figures[:1], paragraphs[1], f"<h2>{e(story.heading)}</h2>"]
    body += [paragraphs[2], '<div class="ad">Advertisement</div>', *figures[1:], *paragraphs[3:]]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(story.title)} | The Coastal Ledger</title>
<meta property="og:title" content="{e(story.title)}">
<meta property="og:site_name" content="The Coastal Ledger">
<meta name="author" content="{e(story.author)}">
<meta property="article:published_time" content="{story.date}T09:30:00Z">
<link rel="canonical" href="{base}news/{story.slug}">
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article>
<h1>{e(story.title)}</h1>
<p class="byline">By <span class="author">{e(story.author)}</span> ·
<time datetime="{story.date}">{story.date}</time></p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a>
<a href="#">Email this article</a></div>
{"".join(body)}
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Bridge plan shelved again</a>
</li><li><a href="/b">Storm closes the harbour</a></li></ul></aside>
<div class="newsletter"><p>Sign up for our morning newsletter</p></div>
</article>
<section class="comments"><h3>Comments (2)</h3>
<div class="comment"><p>Finally! About time they did something.</p></div>
<div class="comment"><p>What about the bus drivers?</p></div></section>
</main>
<aside class="most-read"><h3>Most read</h3><ol><li><a href="/c">Tide tables for March</a></li>
</ol></aside>
<footer><p>© 2024 The Coastal Ledger. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>"""


NO_ARTICLE_PAGE = """<!doctype html><html><head><title>The Coastal Ledger</title></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
</header><main><ul><li><a href="/news/ferry">Ferry line approved</a></li>
<li><a href="/news/orchard">Frost spares orchards</a></li></ul></main>
<footer>© 2024 The Coastal Ledger</footer></body></html>"""


def rss_feed(items: list[tuple[Story, str]]) -> str:
    """An RSS 2.0 feed of (story, address) items."""
    entries = "".join(
        f"<item><title>{html.escape(s.title)}</title><link>{html.escape(url)}</link>"
        f"<description>{html.escape(s.paragraphs[0])}</description>"
        f"<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate></item>"
        for s, url in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>The Coastal Ledger</title><link>https://ledger.example/</link>{entries}"
        "</channel></rss>"
    )


def atom_feed(items: list[tuple[Story, str]]) -> str:
    """An Atom feed of (story, address) items."""
    entries = "".join(
        f"<entry><title>{html.escape(s.title)}</title>"
        f'<link rel="alternate" href="{html.escape(url)}"/><id>{html.escape(url)}</id>'
        f"<updated>{s.date}T08:00:00Z</updated>"
        f"<summary>{html.escape(s.paragraphs[0])}</summary></entry>"
        for s, url in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Valley News</title><id>urn:valley</id><updated>2024-08-24T08:00:00Z</updated>"
        f"{entries}</feed>"
    )


# -- the server ------------------------------------------------------------------------------

Body = bytes | Callable[[http.server.BaseHTTPRequestHandler], None]


@dataclass(frozen=True)
class Route:
    body: Body
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Site:
    base: str
    routes: dict[str, Route]
    user_agents: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")


def huge(size: int, declared: bool = False) -> Body:
    """A page of `size` bytes, streamed; its Content-Length is sent when `declared`."""

    def write(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        if declared:
            handler.send_header("Content-Length", str(size))
        handler.end_headers()
        chunk = b"<p>" + b"x" * 65_530 + b"</p>\n"
        sent = 0
        while sent < size:
            handler.wfile.write(chunk)
            sent += len(chunk)

    return write


def slow(seconds: float, page: bytes) -> Body:
    """A page sent after `seconds` of silence."""

    def write(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(page)

    return write


def dripping(seconds: float) -> Body:
    """A page that sends a byte every tenth of a second for `seconds`."""

    def write(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        ends = time.monotonic() + seconds
        while time.monotonic() < ends:
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)

    return write


def _handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.user_agents.append(self.headers.get("User-Agent", ""))
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            try:
                if callable(route.body):
                    route.body(self)
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)
            except OSError:  # the client gave up (a size or time limit): that is the test
                pass

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Site]:
    """Serve `routes` (path -> Route) on 127.0.0.1, a free port, in a thread."""
    site = Site("", routes)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # type: ignore[method-assign]
    site.base = f"http://127.0.0.1:{server.server_port}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def redirect(to: str, status: int = 302) -> Route:
    return Route(b"", status=status, headers=(("Location", to),))


def page(text: str, content_type: str = "text/html; charset=utf-8") -> Route:
    return Route(text.encode("utf-8"), content_type)


def news_site_routes() -> dict[str, Route]:
    """Every page of the test site: the stories and the bad pages (the feeds, which hold the
    server's address, are added by `with_feeds` once it serves)."""
    routes = {f"/news/{slug}": page(article_page(story)) for slug, story in STORIES.items()}
    routes["/news/ferry-copy"] = page(article_page(edited(STORIES["ferry"], "ferry-copy")))
    routes["/news/choir-copy"] = page(article_page(edited(STORIES["choir"], "choir-copy")))
    routes["/home"] = page(NO_ARTICLE_PAGE)
    routes["/huge"] = Route(huge(50_000_000))
    routes["/huge-declared"] = Route(huge(50_000_000, declared=True))
    routes["/slow"] = Route(slow(3.0, article_page(STORIES["ferry"]).encode()))
    routes["/drip"] = Route(dripping(3.0))
    routes["/loop"] = redirect("/loop")
    routes["/moved"] = redirect("/news/library", 301)
    routes["/report.pdf"] = Route(b"%PDF-1.4 not a page", "application/pdf")
    return routes


def with_feeds(site: Site) -> Site:
    """Add /rss.xml (ferry, orchard, library, marathon, and the ferry again with one word
    changed) and /atom.xml (bridge, choir, the choir again with one word changed, a page with no
    article, and the library again at its same address)."""
    rss = [
        (STORIES[s], site.url(f"/news/{s}")) for s in ("ferry", "orchard", "library", "marathon")
    ]
    rss.append((STORIES["ferry"], site.url("/news/ferry-copy")))
    atom = [(STORIES[s], site.url(f"/news/{s}")) for s in ("bridge", "choir")]
    atom.append((STORIES["choir"], site.url("/news/choir-copy")))
    atom.append((STORIES["orchard"], site.url("/home")))
    atom.append((STORIES["library"], site.url("/news/library")))
    site.routes["/rss.xml"] = page(rss_feed(rss), "application/rss+xml")
    site.routes["/atom.xml"] = page(atom_feed(atom), "application/atom+xml")
    return site
