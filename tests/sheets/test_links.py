"""MOA and ADDENDUM hyperlink targets (ice-sheets.md §2.1, "Hyperlink targets are messy")."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deputized.sheets import links
from deputized.sheets.links import clean_url, is_link_pending, looks_like_url

ICE = "https://www.ice.gov/doclib/287gMOA/287gJEM_PersonCoSONC_02-10-2026.pdf"
MAILBOX = "jane.doe%40ice.dhs.gov"
DATA = f"05%7C02%7C{MAILBOX}%7C1f2e3d4c5b6a%7C0%7C0%7C638765432109876543%7CUnknown"
ENCODED_ICE = "https%3A%2F%2Fwww.ice.gov%2Fdoclib%2F287gMOA%2F287gJEM_PersonCoSONC_02-10-2026.pdf"
SAFELINK = (
    f"https://gcc02.safelinks.protection.outlook.com/?url={ENCODED_ICE}"
    f"&data={DATA}&sdata=AbCdEf%3D&reserved=0"
)
LEAKS = ("safelinks", "outlook.com", "chrome-extension", "@", "%40", "data=", "sdata", " ")


def assert_clean(url: str | None) -> None:
    assert url is not None
    for leak in LEAKS:
        assert leak not in url, f"{leak!r} left in {url}"
    parts = urlsplit(url)
    assert parts.scheme in {"http", "https"}
    assert parts.netloc


# ---- Outlook SafeLinks ------------------------------------------------------------------------


def test_safelinks_is_unwrapped_and_the_mailbox_dropped():
    url = clean_url(SAFELINK)
    assert url == ICE
    assert_clean(url)


def test_safelinks_with_data_before_url():
    wrapped = f"https://nam12.safelinks.protection.outlook.com/?data={DATA}&url={ENCODED_ICE}"
    assert clean_url(wrapped) == ICE


def test_safelinks_host_in_capitals():
    assert clean_url(SAFELINK.replace("gcc02.safelinks", "GCC02.SAFELINKS")) == ICE


def test_safelinks_without_a_target_gives_nothing_rather_than_the_wrapper():
    assert clean_url(f"https://gcc02.safelinks.protection.outlook.com/?data={DATA}") is None


def test_safelinks_written_with_one_slash_is_still_unwrapped():
    # `https:/` (one slash) is a quirk of its own (Cherokee PD, AL); a wrapper written that way
    # must not slip through with the mailbox.
    url = clean_url(SAFELINK.replace("https://gcc02", "https:/gcc02", 1))
    assert url == ICE
    assert_clean(url)


def test_safelinks_inside_a_chrome_pdf_viewer_address():
    wrapped = "chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/" + SAFELINK.replace(
        "https://", "https:/", 1
    )
    url = clean_url(wrapped)
    assert url == ICE
    assert_clean(url)


# ---- other wrappers and malformed targets -----------------------------------------------------


def test_chrome_extension_wrapper_is_peeled():
    # University of Florida PD: Chrome's PDF viewer address, with its one-slash inner URL.
    wrapped = (
        "chrome-extension://efaidnbmnnnibpcajpcglclefindmkaj/"
        "https:/www.ice.gov/doclib/287gMOA/287gTFM_UnivOfFloridaPDFL_04-22-2025.pdf"
    )
    assert clean_url(wrapped) == (
        "https://www.ice.gov/doclib/287gMOA/287gTFM_UnivOfFloridaPDFL_04-22-2025.pdf"
    )


def test_single_slash_after_scheme_is_repaired():
    # Cherokee PD, AL
    assert clean_url("https:/www.ice.gov/doclib/287gMOA/a.pdf") == (
        "https://www.ice.gov/doclib/287gMOA/a.pdf"
    )


@pytest.mark.parametrize(
    "target",
    [
        "http://www.ice.gov/doclib/287gMOA/a.pdf",
        "http://ice.gov/doclib/287gMOA/a.pdf",
        "HTTP://WWW.ICE.GOV/doclib/287gMOA/a.pdf",
    ],
)
def test_ice_gov_over_http_becomes_https(target):
    url = clean_url(target)
    assert url is not None
    assert url.startswith("https://")
    assert url.endswith("/doclib/287gMOA/a.pdf")  # path case kept


def test_only_ice_gov_is_upgraded_to_https():
    assert clean_url("http://example.org/a.pdf") == "http://example.org/a.pdf"


def test_encoded_and_literal_spaces_give_the_same_url():
    encoded = clean_url("https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL.pdf")
    literal = clean_url("https://www.ice.gov/doclib/287gMOA/287gJEM_ etowahCoAL.pdf")
    assert encoded == literal == "https://www.ice.gov/doclib/287gMOA/287gJEM_%20etowahCoAL.pdf"


def test_tracking_parameters_and_fragment_are_dropped_others_kept():
    url = clean_url(
        "https://www.ice.gov/doclib/a.pdf?utm_source=email&utm_medium=x&fbclid=1&gclid=2"
        "&id=7#page=2"
    )
    assert url == "https://www.ice.gov/doclib/a.pdf?id=7"


def test_surrounding_whitespace_is_ignored():
    assert clean_url(f"  {ICE}\n") == ICE


def test_space_pasted_before_the_host_is_dropped():
    assert clean_url("https:// www.ice.gov/doclib/a.pdf") == "https://www.ice.gov/doclib/a.pdf"
    assert clean_url("http://\xa0www.ice.gov/doclib/a.pdf") == "https://www.ice.gov/doclib/a.pdf"


def test_host_with_a_space_inside_is_unusable():
    assert clean_url("https://www.ice .gov/doclib/a.pdf") is None


def test_wayback_url_keeps_its_embedded_address():
    wayback = "https://web.archive.org/web/20250219163339/https://www.ice.gov/doclib/287gMOA/a.pdf"
    assert clean_url(wayback) == wayback


@pytest.mark.parametrize(
    "target",
    [
        None,
        "",
        "   ",
        "link",
        "link pending",
        "mailto:jane.doe@ice.dhs.gov",
        "javascript:alert(1)",
        "ftp://ftp.ice.gov/a.pdf",
        "https://",
        "#Sheet1!A1",
        "not a url at all",
    ],
)
def test_garbage_gives_none(target):
    assert clean_url(target) is None


URLS = st.builds(
    lambda scheme, slashes, host, path: f"{scheme}:{slashes}{host}/{path}",
    st.sampled_from(["http", "https", "HTTPS"]),
    st.sampled_from(["/", "//"]),
    st.sampled_from(["www.ice.gov", "ice.gov", "example.org", " www.ice.gov", "www.ice .gov", ""]),
    st.text(alphabet="abcXYZ019 _-.%/?&=#:@+\xa0", max_size=30),
)


@given(st.one_of(URLS, st.text()))
def test_clean_url_gives_none_or_a_usable_url_and_is_stable(target):
    url = clean_url(target)
    if url is None:
        return
    assert " " not in url
    assert urlsplit(url).scheme in {"http", "https"}
    assert urlsplit(url).netloc
    assert clean_url(url) == url


# ---- `link pending` and raw URLs typed into the cell ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "link pending",
        "Link Pending",  # 2025-08-18pm to 09-02am
        "LINK PENDING",
        "link pending ",
        " Link Pending",
        "link\xa0pending",  # ICE's cells carry non-breaking spaces
        "Link  Pending",
    ],
)
def test_link_pending_variants(text):
    assert is_link_pending(text)


@pytest.mark.parametrize(
    "text", [None, "", "link", "pending", "link | addendum", "Cons", "link pending?", ICE]
)
def test_not_link_pending(text):
    assert not is_link_pending(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ICE, True),
        ("http://www.ice.gov/a.pdf", True),
        ("https:/www.ice.gov/a.pdf", True),
        ("www.ice.gov/doclib/a.pdf", True),
        ("  https://www.ice.gov/a.pdf", True),
        ("link", False),
        ("link\xa0|\xa0addendum", False),
        ("ice.gov/a.pdf", False),
        ("", False),
        (None, False),
    ],
)
def test_looks_like_url(text, expected):
    assert looks_like_url(text) is expected


@given(st.text(alphabet="abcXYZ019/:@!$&'()*+,;=._~-%? #\t", max_size=30))
def test_a_plain_url_skips_the_parsing_and_reads_the_same(tail):
    url = f"https://www.ice.gov/doclib/{tail}"
    assert links.clean_url(url) == links._clean_parsed_url(url.strip())
