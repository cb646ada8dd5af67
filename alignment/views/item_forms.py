"""Small pages holding one form for one agenda item, opened when asked for.

The round page carries no forms for comments, labels, links or proposals: each is a link to
one of these pages (without JavaScript) or fetched into the item in place (with htmx). The
forms still post to the views in `alignment.views.discussion`.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alignment import access as access_rules
from alignment.discussion import comments_load
from alignment.views.pages import TEMPLATE, is_htmx, round_context

FORMS = {
    "comment": ("alignment/_comment_form.html", _("Add a comment")),
    "propose": ("alignment/_resolution_form.html", _("Propose a resolution")),
    "link": ("alignment/_link_form.html", _("Link with a goal from the other list")),
    "label": ("alignment/_label_form.html", _("Label a goal overboard")),
    # Not a form: the whole comment thread, which the round page shortens to its latest.
    "comments": ("alignment/_thread.html", _("Comments")),
}
READ_ONLY = {"comments"}


def together_number(request):
    """The session-view item a form came from, so the person returns to it."""
    value = request.POST.get("together") or request.GET.get("together") or ""
    return int(value) if value.isdigit() and 0 < int(value) < 1000 else None


def render_item_form(request, access, *, what, key, bound=None, status=200):
    """The form `what` for item `key` (``g<id>`` for a goal's label): alone for htmx, else
    in a small page that says which item it is about."""
    if what not in READ_ONLY and (not access.can_write or not access.round.is_discussing):
        raise Http404
    context = round_context(access, bound=bound)
    item = context["view"].find(key)
    if item is None and bound is not None:
        # The item changed under a form that was sent (linked, unlinked): show the round.
        return render(request, TEMPLATE, context, status=status)
    if item is None or (what == "link" and item.item.partner is not None):
        raise Http404
    comments_load(context["view"], {item.key})
    if what == "label":
        goal_id = int(key[1:])
        context["goal"] = item.goals[goal_id]
    template, heading = FORMS[what]
    context.update(item=item, form_template=template, heading=heading)
    context["together"] = together_number(request)
    if is_htmx(request):
        context["in_item"] = True
        return render(request, template, context, status=status)
    return render(request, "alignment/item_form.html", context, status=status)


@login_required
def item_form(request, round_id, key, what):
    access = access_rules.round_for(request.user, round_id)
    if what not in FORMS or what == "label":
        raise Http404
    if what not in READ_ONLY and (not access.can_write or not access.round.is_discussing):
        return redirect("round_detail", round_id=round_id)
    return render_item_form(request, access, what=what, key=key[:40])


@login_required
def label_form(request, round_id, goal_id):
    access = access_rules.round_for(request.user, round_id)
    if not access.can_write or not access.round.is_discussing:
        return redirect("round_detail", round_id=round_id)
    return render_item_form(request, access, what="label", key=f"g{goal_id}")


@login_required
def round_item(request, round_id, key):
    """One agenda item unfolded: for htmx, its body; without it, the round page showing it."""
    access = access_rules.round_for(request.user, round_id)
    if access.round.is_drafting or not is_htmx(request):
        url = reverse("round_detail", args=[round_id])
        return redirect(
            url if access.round.is_drafting else f"{url}?open={key[:40]}#item-{key[:40]}"
        )
    context = round_context(access)
    item = context["view"].item(key)
    if item is None:
        raise Http404
    comments_load(context["view"], {item.key})
    context.update(item=item, open_keys={item.key})
    return render(request, "alignment/_item_body.html", context)
