"""The URL rules: provider-domain (SL201), amp-cache-url (SL202), http-url (SL205) and
unencoded-url (SL206), on real records at the top level and inside ``related``."""

from __future__ import annotations

import pytest

from conftest import apply_fix, errors, line_with, lint, of, where
from seedlint.rules.links import amp_cache_url, ascii_domain, url_host

SEED_CDN = (
    "https://www-rt-com.cdn.ampproject.org/c/s/www.rt.com/news/481441-eu-facial-"
    "recognition-database-surveillance/amp/"
)


def test_real_records_pass_every_url_rule(small_record: str, related_record: str) -> None:
    for text in (small_record, related_record):
        found = lint(text)
        assert [d for d in found if d.code in ("SL201", "SL202", "SL205", "SL206")] == []


# --- SL201 provider-domain ---------------------------------------------------------------


def test_provider_domain_that_is_not_the_host_or_a_parent(small_record: str) -> None:
    text = small_record.replace("  domain: microsoft.com", "  domain: google.com")
    found = of("SL201", lint(text))
    assert where(found) == [(line_with(text, "domain: google.com"), 11, "SL201")]
    assert found[0].severity.value == "error"
    assert found[0].message == (
        "provider.domain 'google.com' does not match the host 'azure.microsoft.com' of webUrl "
        "(line 6); it must be that host or a parent domain such as 'azure.microsoft.com'"
    )


@pytest.mark.parametrize(
    "domain", ["microsoft.com", "azure.microsoft.com", "Microsoft.COM", "microsoft.com."]
)
def test_the_host_or_a_parent_domain_passes(small_record: str, domain: str) -> None:
    text = small_record.replace("  domain: microsoft.com", f"  domain: {domain}")
    assert of("SL201", lint(text)) == []


def test_a_mere_suffix_is_not_a_parent_domain(small_record: str) -> None:
    text = small_record.replace("  domain: microsoft.com", "  domain: soft.com")
    assert len(of("SL201", lint(text))) == 1


def test_provider_domain_inside_related(related_record: str) -> None:
    text = related_record.replace("domain: cleveland.com", "domain: rt.com")
    found = of("SL201", lint(text))
    assert where(found) == [(line_with(text, "domain: rt.com", 2), 15, "SL201")]
    web_url_line = line_with(text, 'webUrl: "https://www.cleveland.com')
    assert found[0].message.startswith(
        "related[0].provider.domain 'rt.com' does not match the host 'www.cleveland.com' of "
        f"webUrl (line {web_url_line})"
    )


def test_idn_hosts_match_their_punycode_domain() -> None:
    text = (
        '---\nwebUrl: "https://www.bücher.example/a"\nprovider:\n  name: B\n'
        "  domain: xn--bcher-kva.example\n---\n"
    )
    assert of("SL201", lint(text)) == []
    assert url_host("https://www.bücher.example:8080/a?b") == "www.xn--bcher-kva.example"
    assert ascii_domain("Bücher.Example.") == "xn--bcher-kva.example"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  domain: microsoft.com", "  domain: https://microsoft.com"),
        ('webUrl: "https://azure.microsoft.com/', 'webUrl: "https://my site.org/'),
    ],
)
def test_a_malformed_domain_or_url_is_left_to_the_schema(
    small_record: str, old: str, new: str
) -> None:
    found = lint(small_record.replace(old, new))
    assert [d.code for d in found if d.code in ("SL104", "SL201")] == ["SL104"]


def test_a_record_without_web_url_is_not_checked() -> None:
    text = (
        '---\noriginalUrl: "https://youtube.com/watch?v=WJk-Y8LQlfE"\nprovider:\n'
        "  name: Microsoft\n  domain: microsoft.com\n---\n"
    )
    assert of("SL201", lint(text)) == []


# --- SL202 amp-cache-url -----------------------------------------------------------------


def test_the_cache_url_formula() -> None:
    assert (
        amp_cache_url("https://www.rt.com/news/1/amp/")
        == "https://www-rt-com.cdn.ampproject.org/c/s/www.rt.com/news/1/amp/"
    )
    assert (
        amp_cache_url("https://my-site.example.com/a?outputType=amp")
        == "https://my--site-example-com.cdn.ampproject.org/c/s/my-site.example.com/a?outputType=amp"
    )
    assert (
        amp_cache_url("http://amp.example.com/a")
        == "https://amp-example-com.cdn.ampproject.org/c/amp.example.com/a"
    )
    assert amp_cache_url("ftp://example.com/a") is None


def test_a_host_too_long_for_one_label_uses_its_hash() -> None:
    host = "a-very-long-host-name-for-the-amp-cache.subdomain.example-news.com"
    cached = amp_cache_url(f"https://{host}/a")
    assert cached is not None
    label = cached.split("//")[1].split(".")[0]
    assert len(label) == 52 and label.isalnum() and label == label.lower()


def test_a_cache_url_pointing_to_another_page(related_record: str) -> None:
    text = related_record.replace(
        "/c/s/www.rt.com/news/481441-eu", "/c/s/www.rt.com/news/481442-eu"
    )
    found = of("SL202", lint(text))
    assert where(found) == [(8, 15, "SL202")]
    assert found[0].message == (
        f"cdnAmpWebUrl is not the AMP cache form of ampWebUrl (line 7) "
        f"(it points to another page); expected {SEED_CDN}"
    )
    assert apply_fix(text, found[0]) == related_record
    assert found[0].fix is not None and not found[0].fix.safe  # the site gets another URL


def test_a_cache_url_with_the_wrong_host_inside_related(related_record: str) -> None:
    text = related_record.replace("https://www-cleveland-com.cdn", "https://www.cleveland-com.cdn")
    found = of("SL202", lint(text))
    line = line_with(text, "www.cleveland-com.cdn")
    assert where(found) == [(line, 19, "SL202")]
    assert "related[0].cdnAmpWebUrl" in found[0].message
    assert (
        "(its host is 'www.cleveland-com.cdn.ampproject.org', not "
        "'www-cleveland-com.cdn.ampproject.org')" in found[0].message
    )
    assert apply_fix(text, found[0]) == related_record


def test_an_http_source_is_served_under_c_without_s() -> None:
    good = (
        '---\nampWebUrl: "http://amp.example.com/a?profile=1"\n'
        'cdnAmpWebUrl: "https://amp-example-com.cdn.ampproject.org/c/amp.example.com/a?profile=1"\n---\n'
    )
    assert of("SL202", lint(good)) == []
    bad = good.replace("/c/amp.example", "/c/s/amp.example")
    assert where(of("SL202", lint(bad))) == [(3, 15, "SL202")]


def test_missing_cache_url_is_added_after_the_amp_url(related_record: str) -> None:
    cdn_line = f'cdnAmpWebUrl: "{SEED_CDN}"\n'
    text = related_record.replace(cdn_line, "")
    found = of("SL202", lint(text))
    assert where(found) == [(7, 1, "SL202")]
    assert found[0].message.startswith("ampWebUrl has no cdnAmpWebUrl next to it; add ")
    assert apply_fix(text, found[0]) == related_record


def test_missing_cache_url_inside_related_keeps_the_indentation(related_record: str) -> None:
    line = related_record.split("\n")[line_with(related_record, "cdnAmpWebUrl", 2) - 1]
    text = related_record.replace(line + "\n", "")
    found = of("SL202", lint(text))
    assert where(found) == [(line_with(text, "ampWebUrl", 2), 5, "SL202")]
    assert apply_fix(text, found[0]) == related_record


def test_no_line_is_added_inside_a_flow_mapping() -> None:
    (found,) = of("SL202", lint('---\nrelated: [{ampWebUrl: "https://a.example/b"}]\n---\n'))
    assert (found.line, found.column, found.fix) == (2, 12, None)


def test_a_cache_url_without_amp_url(related_record: str) -> None:
    text = related_record.replace(
        'ampWebUrl: "https://www.rt.com/news/481441-eu-facial-'
        'recognition-database-surveillance/amp/"\n',
        "",
    )
    found = of("SL202", lint(text))
    assert where(found) == [(7, 1, "SL202")]
    assert found[0].message == (
        "cdnAmpWebUrl is given without ampWebUrl; add the AMP URL it caches, or remove it"
    )
    assert found[0].fix is None


def test_a_malformed_cache_url_gets_the_value_to_write_instead_of_the_schema_error(
    related_record: str,
) -> None:
    text = related_record.replace(
        'cdnAmpWebUrl: "https://www-rt-com', 'cdnAmpWebUrl: "htps:/www-rt-com'
    )
    found = [d for d in lint(text) if d.line == 8]
    assert [(d.code, d.severity.value) for d in found] == [("SL202", "error")]
    assert "(it is not an http(s) URL)" in found[0].message
    assert apply_fix(text, found[0]) == related_record


def test_a_plain_cache_url_is_replaced_unquoted() -> None:
    text = (
        "---\nampWebUrl: https://example.com/a\n"
        "cdnAmpWebUrl: https://example-com.cdn.ampproject.org/c/s/example.com/b\n---\n"
    )
    (found,) = of("SL202", lint(text))
    assert apply_fix(text, found) == text.replace("example.com/b", "example.com/a")


# --- SL205 http-url ----------------------------------------------------------------------


def test_http_web_url_is_a_warning_with_an_unsafe_fix(small_record: str) -> None:
    text = small_record.replace('webUrl: "https://', 'webUrl: "http://')
    found = of("SL205", lint(text))
    assert where(found) == [(6, 9, "SL205")]
    assert found[0].severity.value == "warning"
    assert found[0].message == "webUrl uses http://; use https:// (the site is served over https)"
    assert found[0].fix is not None and not found[0].fix.safe
    assert apply_fix(text, found[0]) == small_record
    assert errors(lint(text)) == []


def test_http_image_url_inside_related(related_record: str) -> None:
    text = related_record.replace('url: "https://arc-anglerfish', 'url: "http://arc-anglerfish')
    found = of("SL205", lint(text))
    assert where(found) == [(line_with(text, "http://arc-anglerfish"), 14, "SL205")]
    assert found[0].message.startswith("related[0].images[0].url uses http://")


def test_plain_http_url_fix() -> None:
    text = "---\noriginalUrl: HTTP://example.com/a\n---\n"
    (found,) = of("SL205", lint(text))
    assert apply_fix(text, found) == "---\noriginalUrl: HTTPs://example.com/a\n---\n"


# --- SL206 unencoded-url -----------------------------------------------------------------


def test_a_space_inside_a_related_url(related_record: str) -> None:
    text = related_record.replace("cleveland.com/open/2020", "cleveland.com/open 2020", 1)
    found = of("SL206", lint(text))
    assert where(found) == [(line_with(text, "open 2020"), 13, "SL206")]
    assert found[0].severity.value == "warning"
    assert found[0].message == (
        "related[0].webUrl has a space at character 31; percent-encode it (%20) or remove it"
    )
    assert errors(lint(text)) == []


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://example.com/a.png ", "a space at its end"),
        ("https://example.com/a b c", "a space at character 22 (and 1 more)"),
        ("https://example.com/a|b", "the character '|' at character 22"),
        ("https://example.com/100%", "a '%' not followed by two hex digits at character 24"),
        (
            "https://example.com/%41%4 x",
            "a '%' not followed by two hex digits at character 24 (and 1 more)",
        ),
        ("https://example.com/a\u00a0b", "a no-break space at character 22"),
        ("https://example.com/a\u2028b", "the invisible line separator (U+2028) at character 22"),
        (
            "https://example.com/a\\x85b",  # a YAML escape: NEL cannot be written as such
            "the invisible control character (U+0085) at character 22",
        ),
    ],
)
def test_characters_that_must_be_encoded(url: str, said: str) -> None:
    (found,) = of("SL206", lint(f'---\nimages:\n  - url: "{url}"\n---\n'))
    assert found.message.startswith(f"images[0].url has {said};")
    assert (found.line, found.column) == (3, 10)


def test_urls_the_schema_rejects_get_no_url_warnings() -> None:
    found = lint('---\nwebUrl: "http://my site.org/a b"\noriginalUrl: "http://a.org/\\x7f"\n---\n')
    assert [(d.line, d.code) for d in found if d.code in ("SL104", "SL205", "SL206")] == [
        (2, "SL104"),
        (3, "SL104"),
    ]


@pytest.mark.parametrize(
    "url", ["https://example.com/caf%C3%A9?q=a%20b#top", "https://example.com/café-’quoted’-®"]
)
def test_encoded_and_non_ascii_urls_pass(url: str) -> None:
    assert of("SL206", lint(f'---\nwebUrl: "{url}"\n---\n')) == []
