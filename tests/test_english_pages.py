def test_structure_and_contacts_are_published_in_english(demo, client):
    home = client.get("/en/")
    assert home.status_code == 200
    text = home.content.decode()
    assert '<html lang="en">' in text
    assert "Skip to main content" in text
    assert "Department of Science and Technology (demo)" in text
    assert '<a class="topbar__lang" href="/" hreflang="vi" lang="vi">Tiếng Việt</a>' in text
    for url, title in (("/en/structure/", "Organisational structure"), ("/en/contacts/", "Contacts")):
        page = client.get(url)
        assert page.status_code == 200
        assert f"<h1>{title}</h1>" in page.content.decode()
        assert '<html lang="en">' in page.content.decode()


def test_vietnamese_pages_link_to_the_english_section(demo, client):
    text = client.get("/").content.decode()
    assert '<html lang="vi">' in text
    assert '<a class="topbar__lang" href="/en/" hreflang="en" lang="en">English</a>' in text
    assert "Chuyển đến nội dung chính" in text
