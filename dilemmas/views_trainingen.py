"""Trainers' session packs. Sessions belong to their author: anyone else gets a 404, except
through the read-only share link."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from casuistiek.models import Casus
from portal.pdf import render_pdf

from . import trainingen as service
from .forms_trainingen import AddItemsForm, NoteForm, TrainingForm
from .models import CultureTransition, Dilemma, Training, TrainingItem

VARIANTS = {
    "deelnemers": ("Hand-out voor deelnemers", "trainingen/print_handout.html"),
    "begeleider": ("Versie voor de begeleider", "trainingen/print_facilitator.html"),
    "kaarten": ("Dilemmakaarten", "trainingen/print_cards.html"),
}
CRUMBS = [("/trainingen/", "Mijn trainingen")]


def trainer_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not service.is_trainer(request.user):
            return render(request, "trainingen/not_a_trainer.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def _own_training(request, pk) -> Training:
    return get_object_or_404(Training.objects.owned_by(request.user), pk=pk)


@trainer_required
def training_list(request):
    trainingen = Training.objects.owned_by(request.user).prefetch_related("items")
    return render(request, "trainingen/list.html", {"trainingen": trainingen})


@trainer_required
def training_create(request):
    form = TrainingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        training = service.create_training(owner=request.user, **form.cleaned_data)
        messages.success(request, "De training is aangemaakt. Voeg nu dilemma’s en casussen toe.")
        return redirect("trainingen:add", pk=training.pk)
    return render(
        request,
        "trainingen/form.html",
        {"form": form, "heading": "Nieuwe training", "crumbs": CRUMBS},
    )


@trainer_required
def training_edit(request, pk):
    training = _own_training(request, pk)
    form = TrainingForm(_posted(request), instance=training)
    if request.method == "POST" and form.is_valid():
        service.update_training(training=training, **form.cleaned_data)
        messages.success(request, "De gegevens van de training zijn opgeslagen.")
        return redirect(training)
    return render(
        request,
        "trainingen/form.html",
        {"form": form, "heading": "Training bewerken", "training": training, "crumbs": CRUMBS},
    )


@trainer_required
def training_detail(request, pk):
    training = _own_training(request, pk)
    pack = service.build_pack(training)
    # Parts are folded; one that needs the trainer's eye, or was just edited, is shown open.
    opened = request.GET.get("geopend", "")
    for entry in pack.entries:
        entry.note_form = NoteForm(instance=entry.item, prefix=f"item-{entry.item.pk}")
        entry.open = entry.state != "ok" or opened == str(entry.item.pk)
    return render(
        request,
        "trainingen/detail.html",
        {"training": training, "pack": pack, "variants": VARIANTS, "crumbs": CRUMBS},
    )


@trainer_required
def training_add(request, pk):
    training = _own_training(request, pk)
    sheets = service.choices_for_picker()
    transitions = list(CultureTransition.objects.all())
    dilemma_ids = {d.pk for sheet in sheets for d in sheet.dilemmas.all()}
    casus_ids = {c.pk for sheet in sheets for c in sheet.casussen.all()}
    form = AddItemsForm(
        _posted(request),
        dilemma_ids=dilemma_ids,
        casus_ids=casus_ids,
        transition_ids=[t.pk for t in transitions],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        added = service.add_items(
            training=training,
            dilemmas=_in_order(Dilemma.objects.all(), data["dilemma"]),
            casussen=_in_order(Casus.objects.all(), data["casus"]),
            transitions=_in_order(CultureTransition.objects.all(), data["transitie"]),
        )
        if added:
            messages.success(request, f"{added} onderde{'el' if added == 1 else 'len'} toegevoegd.")
        else:
            messages.info(request, "Alles wat je koos stond al in de training.")
        return redirect(training)
    items = training.items.all()
    in_training = {
        "dilemma": {item.dilemma_id for item in items},
        "casus": {item.casus_id for item in items},
        "transitie": {item.transition_id for item in items},
    }
    return render(
        request,
        "trainingen/add.html",
        {
            "training": training,
            "form": form,
            "sheets": sheets,
            "transitions": transitions,
            "in_training": in_training,
            "crumbs": CRUMBS + [(training.get_absolute_url(), training.title)],
        },
    )


def _in_order(queryset, ids):
    found = queryset.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


@require_POST
@trainer_required
def item_action(request, pk, item_pk):
    training = _own_training(request, pk)
    item = get_object_or_404(TrainingItem, training=training, pk=item_pk)
    action = request.POST.get("action")
    opened = ""
    if action == "omhoog":
        service.move_item(item=item, offset=-1)
    elif action == "omlaag":
        service.move_item(item=item, offset=1)
    elif action == "verwijderen":
        label = service.item_label(item)
        service.remove_item(item=item)
        messages.success(request, f"‘{label}’ is uit de training gehaald.")
    elif action == "gezien":
        service.accept_current_text(item=item)
        messages.success(request, "Genoteerd: je hebt de nieuwe tekst gezien.")
    elif action == "notitie":
        form = NoteForm(request.POST, instance=item, prefix=f"item-{item.pk}")
        opened = f"?geopend={item.pk}"
        if form.is_valid():
            service.set_note(item=item, note=form.cleaned_data["note"])
            messages.success(request, "De aantekening is opgeslagen.")
        else:
            errors = " ".join(form.errors.get("note", []))
            messages.error(request, f"De aantekening is niet opgeslagen. {errors}".strip())
    else:
        messages.error(request, "Onbekende actie; er is niets veranderd.")
    if action == "verwijderen":
        return redirect(f"{training.get_absolute_url()}#kop-onderdelen")
    return redirect(f"{training.get_absolute_url()}{opened}#onderdeel-{item.pk}")


@require_POST
@trainer_required
def share_link(request, pk):
    training = _own_training(request, pk)
    action = request.POST.get("action")
    if action == "intrekken":
        if training.is_shared:
            service.revoke_share_link(training=training)
        messages.success(
            request, "De deellink is ingetrokken: wie hem heeft, kan de training niet meer openen."
        )
    elif action == "vervangen":
        replaced = training.is_shared
        service.replace_share_link(training=training)
        messages.success(
            request,
            "Er is een nieuwe deellink gemaakt; de oude werkt niet meer."
            if replaced
            else "Er is een deellink gemaakt.",
        )
    else:
        messages.error(request, "Onbekende actie; er is niets veranderd.")
    return redirect(f"{training.get_absolute_url()}#kop-delen")


@require_POST
@trainer_required
def training_copy(request, pk):
    training = _own_training(request, pk)
    copy = service.copy_training(training=training, owner=request.user)
    messages.success(request, f"Kopie gemaakt: ‘{copy.title}’.")
    return redirect(copy)


@trainer_required
def training_delete(request, pk):
    training = _own_training(request, pk)
    if request.method == "POST":
        service.delete_training(training=training)
        messages.success(request, f"De training ‘{training.title}’ is verwijderd.")
        return redirect("trainingen:list")
    return render(
        request,
        "trainingen/confirm_delete.html",
        {"training": training, "crumbs": CRUMBS + [(training.get_absolute_url(), training.title)]},
    )


def _variant(variant):
    if variant not in VARIANTS:
        raise Http404("Deze versie bestaat niet.")
    return VARIANTS[variant]


def _render_variant(request, training, variant, *, pdf, shared):
    label, template = _variant(variant)
    context = {
        "training": training,
        "pack": service.build_pack(training),
        "variant": variant,
        "variant_label": label,
        "shared": shared,
    }
    if pdf:
        filename = f"training-{training.pk}-{variant}.pdf"
        return render_pdf(request, template, context, filename=filename)
    return render(request, template, context)


@require_safe
@trainer_required
def training_variant(request, pk, variant):
    return _render_variant(request, _own_training(request, pk), variant, pdf=False, shared=False)


@require_safe
@trainer_required
def training_variant_pdf(request, pk, variant):
    return _render_variant(request, _own_training(request, pk), variant, pdf=True, shared=False)


# Read-only: co-trainers with the link read the session and print it, nothing more. No login,
# so a co-trainer outside the Trainer group can prepare too; the token is the key.
def _shared_training(token) -> Training:
    return get_object_or_404(Training.objects.shared_as(token).select_related("owner"))


@require_safe
def shared_detail(request, token):
    training = _shared_training(token)
    return render(
        request,
        "trainingen/shared.html",
        {"training": training, "pack": service.build_pack(training), "variants": VARIANTS},
    )


@require_safe
def shared_variant(request, token, variant):
    return _render_variant(request, _shared_training(token), variant, pdf=False, shared=True)


@require_safe
def shared_variant_pdf(request, token, variant):
    return _render_variant(request, _shared_training(token), variant, pdf=True, shared=True)


def _posted(request):
    # An empty POST must still be validated (and refused), not shown as a fresh form.
    return request.POST if request.method == "POST" else None
