"""Thin views: the public corrections form and the per-place meeting calendar."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from deputized.clients import client_address
from deputized.officials import corrections, ical
from deputized.officials.forms import CorrectionForm
from deputized.officials.models import Office
from deputized.officials.selectors import meeting_list
from deputized.places.models import County, Municipality


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


def meetings_ics(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    """The meetings of a county's boards (`county`, FIPS) or a town's council (`town`, GEOID)."""
    if kind == "county":
        place = get_object_or_404(County, fips=code, state_id="NC")
        meetings = meeting_list(county=place.fips)
        name = place.full_name
    else:
        place = get_object_or_404(Municipality, geoid=code, state_id="NC")
        meetings = meeting_list(town=place.geoid)
        name = place.name
    body = ical.calendar(meetings, name=f"{name}: public meetings", now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{kind}-{code}-meetings.ics"'
    return response
