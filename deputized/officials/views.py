"""Thin views: the public corrections form and the per-place meeting calendar."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from deputized.clients import client_address
from deputized.officials import corrections
from deputized.officials.forms import CorrectionForm
from deputized.officials.models import Office


@method_decorator(never_cache, name="dispatch")
class CorrectionView(View):
    template_name = "officials/correct.html"

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        office = get_object_or_404(Office, key=key)
        return render(request, self.template_name, {"office": office, "form": CorrectionForm()})

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        office = get_object_or_404(Office, key=key)
        form = CorrectionForm(request.POST)
        if form.is_robot():
            return render(request, "officials/thanks.html", {"office": office})
        if not form.is_valid():
            context = {"office": office, "form": form}
            return render(request, self.template_name, context, status=400)
        fields = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            corrections.correction_submit(office=office, client=client_address(request), **fields)
        except corrections.RateLimited:
            return render(request, "officials/limited.html", status=429)
        return render(request, "officials/thanks.html", {"office": office})
