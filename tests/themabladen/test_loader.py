from io import StringIO

from django.core.management import call_command

from casuistiek.models import Uitspraak
from dilemmas.models import Dilemma
from themabladen.content import load_content
from themabladen.models import Guideline, KaderStatement, Themablad


def counts():
    return (
        Themablad.objects.count(),
        KaderStatement.objects.count(),
        Dilemma.objects.count(),
        Uitspraak.objects.count(),
        Guideline.objects.count(),
    )


def test_loading_twice_duplicates_nothing(seed):
    before = counts()
    report = load_content()
    assert counts() == before
    assert str(report) == "Niets nieuws: alle inhoud stond er al."


def test_reloading_keeps_edits_made_since(seed):
    sheet = Themablad.objects.get(number=8)
    sheet.title = "Omgaan met informatie (herzien)"
    sheet.slug = "omgaan-met-informatie-herzien"
    sheet.save()
    statement = sheet.kader.first()
    statement.text = "Ik ga zorgvuldig om met informatie. (aangepast)"
    statement.save()
    dilemma = sheet.dilemmas.first()
    dilemma.question = "Aangepaste vraag?"
    dilemma.save()
    load_content()
    sheet.refresh_from_db()
    assert sheet.title == "Omgaan met informatie (herzien)"
    assert not Themablad.objects.filter(slug="omgaan-met-informatie").exists()
    assert sheet.kader.first().text == "Ik ga zorgvuldig om met informatie. (aangepast)"
    assert Dilemma.objects.filter(question__startswith="In je vrije tijd zie je").count() == 0
    assert sheet.kader.count() == 11


def test_command_reports_what_it_added(db):
    out = StringIO()
    call_command("load_content", stdout=out)
    assert "13 themabladen" in out.getvalue()
    out = StringIO()
    call_command("load_content", stdout=out)
    assert "Niets nieuws" in out.getvalue()
