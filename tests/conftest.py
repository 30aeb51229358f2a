import io

import pytest

from django.core.management import call_command

from home import furniture
from home.models import HomePage

from .factories import SectionPageFactory


@pytest.fixture(autouse=True)
def fresh_furniture():
    """Each test's transaction rolls the furniture token back, which production never does."""
    furniture.forget()


@pytest.fixture
def home(db):
    """The home page the migrations create."""
    return HomePage.objects.get()


@pytest.fixture
def section(home):
    return SectionPageFactory(title="Tin tức - Sự kiện", parent=home)


@pytest.fixture
def demo(db):
    """The demo portal as `manage.py load_demo` builds it."""
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()
