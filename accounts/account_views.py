"""The "Your account" page: always the signed-in person's own account, never anyone else's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.account_forms import AccountForm
from accounts.account_services import account_update
from accounts.models import User


@login_required
def account(request):
    # The account comes from the session, never from the URL, so no one can reach another's.
    # A fresh copy, so a refused name never shows in the header as if it were saved.
    me = User.objects.get(pk=request.user.pk)
    form = AccountForm(request.POST or None, instance=me)
    if request.method == "POST":
        if form.is_valid():
            account_update(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your account is saved."))
            return redirect("account")
        messages.error(request, _("Something needs a change before it can be saved: see below."))
    status = 400 if form.errors else 200
    return render(request, "accounts/account.html", {"form": form}, status=status)
