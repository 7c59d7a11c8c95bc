#!/usr/bin/env python3
"""Wire-compatibility conformance of a live street-manager server, through third-party clients.

Drives the permit journey (authenticate, street lookup, create a work, find it in reporting,
grant it, start and stop the works, read the work, the permit and the history, poll the event
API) once through each of two independent Python clients of the Street Manager v6 API:

* ``streetmanager`` (PyPI): swagger-codegen clients generated from the official swagger, one
  ``swagger_client`` package per API (``streetmanager.work.swagger_client`` ...). Request bodies
  are its model classes serialised by its ``ApiClient``; responses are deserialised by its
  ``ApiClient`` into its models (required fields, numbers, dates), and then walked again here
  for JSON types and enum values the generated code does not check.
* ``streetworks`` (PyPI): ``StreetManagerClient`` (httpx) with pydantic v2 models generated from
  the official swagger with ``extra="forbid"`` and timezone-aware datetimes. Request bodies are
  built and dumped from those models; responses are validated with ``model_validate``.

A step passes when the call answers the documented status and the body deserialises. A 501
("Not implemented") is reported as NOT BUILT and counted apart (``--strict`` counts it as a
failure); a step that needs something an earlier step did not produce is SKIPPED. Anything else
is a failure, printed with its status and body. Run through run.sh, which provides the clients.
"""
import argparse
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PASSWORD = "Demo-Passw0rd!"
PLANNER = "planner@anytown-water.example"
HA_OFFICER = "ha.officer@anytown.example"
USRN = 10010001
PROMOTER, AUTHORITY, WORKSTREAM = "7001", "1001", "001"
# R-FEE-01: the twelve fees of a fee matrix, each kind for traffic-sensitive and then other works.
FEE_KINDS = ["major_paa_fee", "major_work_permit_fee", "standard_works_permit_fee", "minor_works_permit_fee",
             "immediate_works_permit_fee", "permit_variation_fee"]
FEE_FIELDS = [f"{k}_traffic_sensitive" for k in FEE_KINDS] + [f"{k}_non_traffic_sensitive" for k in FEE_KINDS]

# --------------------------------------------------------------------------------------------
# Results


class NotBuilt(Exception):
    pass


class Skip(Exception):
    pass


class Failure(Exception):
    pass


class Results:
    def __init__(self, strict):
        self.strict = strict
        self.rows = []  # (verdict, client, step, detail)
        self.warnings = []

    def record(self, verdict, client, step, detail=""):
        self.rows.append((verdict, client, step, detail))
        tag = {"pass": "PASS", "fail": "FAIL", "notbuilt": "NOT BUILT", "skip": "SKIPPED"}[verdict]
        line = f"{tag:<10} {client:<14} {step}"
        lines = str(detail).splitlines() if detail else []
        if verdict != "fail" and lines:
            line += f"  ({lines.pop(0)})"
        for extra in lines:
            line += "\n" + " " * 11 + extra
        print(line, flush=True)

    def warn(self, client, step, message):
        self.warnings.append((client, step, message))
        print(f"{'WARNING':<10} {client:<14} {step}: {message}", flush=True)

    def count(self, verdict):
        return sum(1 for row in self.rows if row[0] == verdict)


def run_step(results, client, step, fn, *, needs=()):
    """Runs one step; returns its value, or None when it did not pass."""
    missing = [name for name, value in needs if value is None]
    if missing:
        results.record("skip", client, step, "needs " + ", ".join(missing))
        return None
    try:
        value, detail = fn()
    except NotBuilt as error:
        results.record("notbuilt", client, step, str(error) or "501 Not implemented")
        return None
    except Skip as error:
        results.record("skip", client, step, str(error))
        return None
    except Failure as error:
        results.record("fail", client, step, str(error))
        return None
    except Exception as error:  # a client raising anything else is a failure of the step
        results.record("fail", client, step, f"{type(error).__name__}: {error}\n" + short_trace())
        return None
    results.record("pass", client, step, detail)
    return value


def short_trace():
    lines = traceback.format_exc().strip().splitlines()
    return "\n".join(lines[-6:])


def clip(body, limit=1500):
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if not isinstance(body, str):
        body = json.dumps(body)
    return body if len(body) <= limit else body[:limit] + "…"


def http_failure(status, body, expected):
    if status == 501:
        raise NotBuilt(f"501 {clip(body, 200)}")
    raise Failure(f"HTTP {status} (expected {expected}): {clip(body)}")


# --------------------------------------------------------------------------------------------
# Journey data


def working_days_ahead(start, days):
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def journey_dates():
    """Proposed start ~20 working days ahead on a Monday (never an early start), end 2 days later."""
    today = dt.datetime.now(dt.timezone.utc).date()
    day = working_days_ahead(today, 22)
    while day.weekday() != 0:
        day += dt.timedelta(days=1)
    start = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return start, start + dt.timedelta(days=2)


def work_fields(tag):
    """The WorkCreateRequest fields, as Python values, shared by both clients."""
    start, end = journey_dates()
    return {
        "promoter_swa_code": PROMOTER,
        "highway_authority_swa_code": AUTHORITY,
        "workstream_prefix": WORKSTREAM,
        "usrn": USRN,
        "works_coordinates": {"type": "LineString", "coordinates": [[451000, 201000], [451050, 201020]]},
        "work_type": "planned",
        "is_ttro_required": False,
        "proposed_start_date": start,
        "proposed_end_date": end,
        "activity_type": "utility_repair_and_maintenance_works",
        "traffic_management_type": "road_closure",
        "application_type": "permit",
        "location_types": ["carriageway", "footway"],
        "close_footway": "yes_provide_pedestrian_walkway",
        "close_footpath": "no",
        "collaborative_working": False,
        "others_can_collaborate_on_work": False,
        "reason_for_non_collaboration": "Short repair; no other promoter has works planned on this street",
        "secondary_contact": "Sam Site",
        "secondary_contact_number": "01632 960001",
        "description_of_work": f"Replace a leaking water valve (conformance run, {tag})",
        "works_location_description": "Outside number 12, northern footway and carriageway",
        "excavation": True,
        "traffic_management_plan": False,
        "lane_rental_applicable": False,
    }


def now_minus(minutes):
    moment = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=minutes)
    return moment.replace(microsecond=0)


# --------------------------------------------------------------------------------------------
# Client 1: streetmanager (swagger-codegen)


class SwaggerApis:
    """One swagger-codegen package per API, each with its own Configuration and ApiClient."""

    def __init__(self, base, token=None, apis=("work", "reporting", "lookup", "event", "export", "geojson")):
        import importlib

        self.packages = {}
        self.apis = {}
        self.last = {}  # api -> (status, raw bytes) of the last answered call
        for name in apis:
            package = importlib.import_module(f"streetmanager.{name}.swagger_client")
            configuration = package.Configuration()
            configuration.host = f"{base}/v6/{name}"
            # Configuration() hands out shallow copies of one default: give each its own dict, or
            # every client would share (and overwrite) one token.
            configuration.api_key = {"token": token} if token else {}
            client = package.ApiClient(configuration)
            self._record(name, client)
            self.packages[name] = package
            self.apis[name] = package.DefaultApi(client)

    def _record(self, name, client):
        rest_client = client.rest_client
        original = rest_client.request

        def request(method, url, *args, **kwargs):
            self.last[name] = None
            response = original(method, url, *args, **kwargs)
            self.last[name] = (response.status, response.data)
            return response

        rest_client.request = request

    def call(self, api, operation, *args, expect, model=None, **kwargs):
        """Calls a DefaultApi method; returns (deserialised value, raw JSON or None)."""
        try:
            value = getattr(self.apis[api], operation)(*args, **kwargs)
        except Exception as error:
            if type(error).__name__ == "ApiException" and getattr(error, "status", 0):
                http_failure(error.status, error.body, expect)
            if self.last.get(api):
                status, data = self.last[api]
                raise Failure(
                    f"HTTP {status} answered, but the client could not deserialise it into {model}: "
                    f"{type(error).__name__}: {error}\nbody: {clip(data)}")
            raise
        status, data = self.last[api]
        if status != expect:
            raise Failure(f"HTTP {status}, the contract documents {expect}: {clip(data)}")
        raw = json.loads(data) if data else None
        return value, raw

    def serialise(self, api, model):
        return self.apis[api].api_client.sanitize_for_serialization(model)

    def walk(self, api, raw, type_name):
        """Checks what swagger-codegen's deserialiser lets through: JSON types, enum values, unknown keys."""
        problems, unknown = [], []
        self._walk(self.packages[api].models, raw, type_name, "$", problems, unknown)
        return problems, unknown

    def _walk(self, models, data, type_name, path, problems, unknown):
        if data is None:
            return
        if type_name.startswith("list["):
            if not isinstance(data, list):
                problems.append(f"{path}: expected an array, got {json.dumps(data)[:80]}")
                return
            for index, item in enumerate(data):
                self._walk(models, item, type_name[5:-1], f"{path}[{index}]", problems, unknown)
            return
        if type_name.startswith("dict("):
            return
        if type_name == "str":
            if not isinstance(data, str):
                problems.append(f"{path}: expected a string, got {json.dumps(data)[:80]}")
        elif type_name in ("float", "int"):
            if isinstance(data, bool) or not isinstance(data, (int, float)):
                problems.append(f"{path}: expected a number, got {json.dumps(data)[:80]}")
        elif type_name == "bool":
            if not isinstance(data, bool):
                problems.append(f"{path}: expected a boolean, got {json.dumps(data)[:80]}")
        elif type_name in ("datetime", "date"):
            if not isinstance(data, str):
                problems.append(f"{path}: expected a {type_name} string, got {json.dumps(data)[:80]}")
            else:
                try:
                    parsed = dt.datetime.fromisoformat(data.replace("Z", "+00:00"))
                    if type_name == "datetime" and parsed.tzinfo is None:
                        problems.append(f"{path}: date-time {data!r} has no time zone")
                except ValueError:
                    problems.append(f"{path}: {data!r} is not an ISO 8601 {type_name}")
        elif type_name == "object":
            pass
        else:
            klass = getattr(models, type_name, None)
            if klass is None:
                return
            if not klass.swagger_types:  # an enum (or an allOf of one): constants on the class
                allowed = {getattr(klass, n) for n in dir(klass) if n.isupper() and isinstance(getattr(klass, n), str)}
                if allowed and data not in allowed:
                    problems.append(f"{path}: {data!r} is not one of {type_name}'s values")
                return
            if not isinstance(data, dict):
                problems.append(f"{path}: expected an object ({type_name}), got {json.dumps(data)[:80]}")
                return
            known = set(klass.attribute_map.values())
            for key in data:
                if key not in known:
                    unknown.append(f"{path}.{key}")
            for attribute, attribute_type in klass.swagger_types.items():
                key = klass.attribute_map[attribute]
                if key in data:
                    self._walk(models, data[key], attribute_type, f"{path}.{key}", problems, unknown)


def checked(results, client, step, problems, unknown, model):
    if problems:
        raise Failure(f"deserialises into {model}, but: " + "; ".join(problems[:12]))
    if unknown:
        results.warn(client, step, f"keys not in the client's {model}: " + ", ".join(unknown[:20]))


def swagger_journey(base, results):
    C = "streetmanager"
    anonymous = SwaggerApis(base)
    work_models = anonymous.packages["work"].models

    def authenticate(email):
        def step():
            body = work_models.AuthenticationRequest(email_address=email, password=PASSWORD)
            value, raw = anonymous.call("work", "authenticate", body, expect=200, model="AuthenticationResponse")
            checked(results, C, f"authenticate {email}", *anonymous.walk("work", raw, "AuthenticationResponse"),
                    "AuthenticationResponse")
            if not value.id_token:
                raise Failure("AuthenticationResponse has no idToken")
            return value, f"organisationReference {value.organisation_reference}"
        return step

    planner_auth = run_step(results, C, f"authenticate {PLANNER}", authenticate(PLANNER))
    ha_auth = run_step(results, C, f"authenticate {HA_OFFICER}", authenticate(HA_OFFICER))
    planner = SwaggerApis(base, planner_auth.id_token) if planner_auth else None
    ha = SwaggerApis(base, ha_auth.id_token) if ha_auth else None

    def refresh():
        party = SwaggerApis(base, planner_auth.id_token, apis=("party",))
        body = party.packages["party"].models.TokenRefreshRequest(refresh_token=planner_auth.refresh_token)
        value, raw = party.call("party", "refresh", body, expect=200, model="TokenRefreshResponse")
        checked(results, C, "token refresh", *party.walk("party", raw, "TokenRefreshResponse"), "TokenRefreshResponse")
        if not value.id_token:
            raise Failure("TokenRefreshResponse has no id_token")
        return value, "new id_token"

    run_step(results, C, "token refresh POST /v6/party/refresh", refresh, needs=[("planner token", planner)])

    def lookup():
        value, raw = planner.call("lookup", "get_streets_by_usrn", USRN, expect=200, model="StreetResponse")
        checked(results, C, "lookup street", *planner.walk("lookup", raw, "StreetResponse"), "StreetResponse")
        return value, f"{value.street_descriptor or ''} {value.town or ''}".strip()

    run_step(results, C, f"lookup GET /nsg/streets/{USRN}", lookup, needs=[("planner token", planner)])

    def create():
        fields = work_fields("streetmanager")
        known = set(work_models.WorkCreateRequest.attribute_map.values())
        model = work_models.WorkCreateRequest(**{k: v for k, v in fields.items() if k in known})
        body = planner.serialise("work", model)
        extra = {k: v for k, v in fields.items() if k not in known}
        if extra:
            results.warn(C, "create work", "not in streetmanager 0.3.3's WorkCreateRequest, sent as extra keys: "
                         + ", ".join(sorted(extra)))
            body.update(extra)
        value, raw = planner.call("work", "create_work", body, expect=201, model="WorkCreateResponse")
        checked(results, C, "create work", *planner.walk("work", raw, "WorkCreateResponse"), "WorkCreateResponse")
        return value, f"{value.work_reference_number} / {value.permit_reference_number}"

    created = run_step(results, C, "create work POST /works", create, needs=[("planner token", planner)])
    wrn = created.work_reference_number if created else None
    prn = created.permit_reference_number if created else None

    def reporting():
        found, pages, offset = None, 0, 0
        while pages < 20:
            value, raw = ha.call("reporting", "get_permits", expect=200, model="PermitReportingResponse",
                                 status=["submitted"], offset=offset)
            checked(results, C, "reporting permits", *ha.walk("reporting", raw, "PermitReportingResponse"),
                    "PermitReportingResponse")
            rows = value.rows or []
            found = found or next((r for r in rows if r.permit_reference_number == prn), None)
            pages += 1
            if found or not rows or not (value.pagination and value.pagination.has_next_page):
                break
            offset += len(rows)
        if prn and not found:
            raise Failure(f"permit {prn} not among the submitted permits the highway authority sees")
        return found, f"{prn} found" if found else "no permit to look for"

    run_step(results, C, "reporting GET /permits?status=submitted", reporting, needs=[("HA token", ha)])

    def under_assessment():
        body = work_models.MarkPermitAsUnderAssessmentRequest(internal_user_name="Conformance desk")
        ha.call("work", "mark_permit_as_under_assessment", wrn, prn, body=body, expect=204)
        return True, "under assessment"

    run_step(results, C, "mark under assessment PUT …/under-assessment", under_assessment,
             needs=[("HA token", ha), ("a created work", wrn)])

    def assess():
        body = work_models.PermitAssessmentUpdateRequest(assessment_status="granted", assessment_discount=0)
        ha.call("work", "update_assessment_status", body, wrn, prn, expect=204)
        return True, "granted"

    granted = run_step(results, C, "assess permit PUT …/assessment", assess,
                       needs=[("HA token", ha), ("a created work", wrn)])

    def change_request():
        # R-CR: the promoter asks for a change on the granted permit (the contract's model: the
        # whole application with the change in it); the HA grants it; both read it back.
        fields = work_fields("streetmanager change")
        for key in ("promoter_swa_code", "highway_authority_swa_code", "workstream_prefix", "usrn"):
            fields.pop(key)
        fields["permit_alteration_reason"] = "Wider excavation needed"
        known = set(work_models.PermitAlterationCreateRequest.attribute_map.values())
        model = work_models.PermitAlterationCreateRequest(**{k: v for k, v in fields.items() if k in known})
        value, raw = planner.call("work", "create_permit_alteration", model, wrn, prn, expect=201,
                                  model="PermitAlterationCreateResponse")
        checked(results, C, "create permit alteration",
                *planner.walk("work", raw, "PermitAlterationCreateResponse"), "PermitAlterationCreateResponse")
        reference = value.permit_alteration_reference_number
        decision = work_models.PermitAlterationStatusUpdateRequest(alteration_status="granted",
                                                                   assessment_discount=0)
        ha.call("work", "update_permit_alteration_status", decision, wrn, prn, reference, expect=204)
        shown, raw = planner.call("work", "get_permit_alteration", wrn, prn, reference, expect=200,
                                  model="PermitAlterationResponse")
        checked(results, C, "get permit alteration", *planner.walk("work", raw, "PermitAlterationResponse"),
                "PermitAlterationResponse")
        if shown.alteration_status != "granted":
            raise Failure(f"alteration_status {shown.alteration_status!r}, expected 'granted'")
        return shown, f"{reference} {shown.alteration_type} {shown.alteration_status}"

    run_step(results, C, "change request POST …/alterations, PUT …/status, GET …/alterations/{ref}",
             change_request, needs=[("a granted permit", granted)])

    def ancillary_info():
        # R-PERMIT-24: the promoter adds welfare facilities to the granted permit; both sides read
        # them, the permit lists them, the map shows them; then the promoter removes them.
        point = {"type": "Point", "coordinates": [451020, 201010]}
        body = work_models.CreateAncillaryInfoRequest(
            ancillary_info_type="site_welfare_facilities", ancillary_info_description="Welfare van",
            location_description="Lay-by opposite number 12", ancillary_info_coordinates=[point], usrns=[USRN])
        made, raw = planner.call("work", "create_ancillary_info", body, wrn, prn, expect=201,
                                 model="CreateAncillaryInfoResponse")
        checked(results, C, "ancillary information", *planner.walk("work", raw, "CreateAncillaryInfoResponse"),
                "CreateAncillaryInfoResponse")
        reference = made.ancillary_info_reference_number
        shown, raw = ha.call("work", "get_ancillary_info", wrn, prn, reference, expect=200,
                             model="AncillaryInfoResponse")
        checked(results, C, "ancillary information", *ha.walk("work", raw, "AncillaryInfoResponse"),
                "AncillaryInfoResponse")
        if shown.ancillary_info_status != "added":
            raise Failure(f"{reference} is {shown.ancillary_info_status!r}, expected 'added'")
        permit, raw = planner.call("work", "get_permit", wrn, prn, expect=200, model="PermitResponse")
        checked(results, C, "ancillary information", *planner.walk("work", raw, "PermitResponse"), "PermitResponse")
        if reference not in [a.ancillary_info_reference_number for a in permit.ancillary_informations or []]:
            raise Failure(f"permit {prn} does not list {reference}")
        found, raw = planner.call("geojson", "get_ancillary_information_intersect_bounding_box", 451000, 201000,
                                  451040, 201020, expect=200, model="AncillaryInfoResponse")
        checked(results, C, "ancillary information map", *planner.walk("geojson", raw, "AncillaryInfoResponse"),
                "AncillaryInfoResponse")
        if not any(f.properties and f.properties.ancillary_info_reference_number == reference
                   for f in found.features or []):
            raise Failure(f"{reference} is not on the map")
        removal = work_models.RemoveAncillaryInfoRequest(ancillary_info_removal_reason="No longer needed")
        _, raw = planner.call("work", "remove_ancillary_info", removal, wrn, prn, reference, expect=200,
                              model="RemoveAncillaryInfoResponse")
        checked(results, C, "ancillary information", *planner.walk("work", raw, "RemoveAncillaryInfoResponse"),
                "RemoveAncillaryInfoResponse")
        shown, raw = planner.call("work", "get_ancillary_info", wrn, prn, reference, expect=200,
                                  model="AncillaryInfoResponse")
        checked(results, C, "ancillary information", *planner.walk("work", raw, "AncillaryInfoResponse"),
                "AncillaryInfoResponse")
        if shown.ancillary_info_status != "removed" or not shown.date_removed:
            raise Failure(f"{reference} is {shown.ancillary_info_status!r} after removal")
        return shown, f"{reference} added and removed"

    run_step(results, C, "ancillary information POST, GET, on the permit and the map, PUT …/remove",
             ancillary_info, needs=[("a granted permit", granted)])

    def evidence_and_fpn():
        # D-FILES, R-FPN: the highway authority uploads a photo (the client sends the part as
        # image/png), issues an FPN with it as evidence; the promoter reads it, accepts it, and
        # the authority records it paid; the list shows it.
        png = bytes.fromhex(
            "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
            "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082")
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "defect.png")
            with open(path, "wb") as handle:
                handle.write(png)
            uploaded, raw = ha.call("work", "upload_file", path, expect=201, model="FileSummaryResponse")
        checked(results, C, "evidence file", *ha.walk("work", raw, "FileSummaryResponse"), "FileSummaryResponse")
        file_id = int(uploaded.file_id)
        body = work_models.FPNCreateRequest(
            fpn_evidence=True, file_ids=[file_id], offence_date=now_minus(120), offence_code="offence_code_05",
            offence_details="No permit displayed on site", authorised_officer="A Officer",
            officer_contact_details="01234 567890", officer_address="Town Hall, Anytown",
            representations_contact="Streetworks team", representations_contact_address="Town Hall, Anytown",
            payment_methods=["card_payment"], permit_reference_number=prn)
        made, raw = ha.call("work", "create_fpn", body, wrn, expect=201, model="FPNCreateResponse")
        checked(results, C, "fixed penalty notice", *ha.walk("work", raw, "FPNCreateResponse"), "FPNCreateResponse")
        reference = made.fpn_reference_number
        shown, raw = planner.call("work", "get_fpn", wrn, reference, expect=200, model="FPNResponse")
        checked(results, C, "fixed penalty notice", *planner.walk("work", raw, "FPNResponse"), "FPNResponse")
        if [int(f.file_id) for f in shown.files or []] != [file_id]:
            raise Failure(f"{reference} lists files {shown.files!r}, expected [{file_id}]")
        photo = planner.apis["work"].get_file(file_id, _preload_content=False)
        if photo.data != png:
            raise Failure(f"GET /files/{file_id} answered {len(photo.data)} bytes, not the photo uploaded")
        for token_holder, status in [(planner, "accepted"), (ha, "paid")]:
            update = work_models.FPNStatusUpdateRequest(fpn_status=status)
            token_holder.call("work", "update_fpn_status", update, wrn, reference, expect=204, model=None)
        shown, raw = ha.call("work", "get_fpn", wrn, reference, expect=200, model="FPNResponse")
        checked(results, C, "fixed penalty notice", *ha.walk("work", raw, "FPNResponse"), "FPNResponse")
        if shown.fpn_status != "paid":
            raise Failure(f"{reference} is {shown.fpn_status!r}, expected 'paid'")
        listed, raw = ha.call("reporting", "get_fpns", expect=200, model="FPNReportingResponse",
                              work_reference_number=wrn)
        checked(results, C, "fixed penalty notices list", *ha.walk("reporting", raw, "FPNReportingResponse"),
                "FPNReportingResponse")
        if reference not in [row.fpn_reference_number for row in listed.rows or []]:
            raise Failure(f"{reference} not in GET /reporting/fixed-penalty-notices")
        return shown, f"file {file_id}, {reference} issued, accepted, paid"

    run_step(results, C, "evidence file POST /files, FPN POST, GET, PUT …/status to paid, GET /files/{id}, the list",
             evidence_and_fpn, needs=[("the works record", created), ("the officer's token", ha)])
    def inspection():
        # R-INSP-05, R-NC-01, R-INSP-13, R-INSP-10: the authority records a failed live site inspection
        # with a non-compliant area and a reinspection; the promoter disputes the outcome; the
        # inspection, its non-compliance, the works record and the reinspections list read back.
        # R-INSP-07: with a photo of the site as evidence.
        photo = upload_photo(results, C, ha, "signage.jpg")
        area = work_models.FailureReasonDetails(failure_reason="live_site_signage", details="No advance signs")
        body = work_models.InspectionCreateRequest(
            inspection_type="live_site", inspection_category="a", inspection_outcome="failed_high",
            inspection_start_date=now_minus(60), failure_reason_details=[area], was_call_logged=False,
            defect_fixed_on_site="no", inspection_evidence=True, file_ids=[photo], username=HA_OFFICER,
            reinspection_date=now_minus(-24 * 60))
        made, raw = ha.call("work", "create_inspection", body, wrn, expect=201, model="InspectionCreateResponse")
        checked(results, C, "inspection", *ha.walk("work", raw, "InspectionCreateResponse"),
                "InspectionCreateResponse")
        reference, nc = made.inspection_reference_number, made.non_compliance_reference_number
        if not nc:
            raise Failure(f"{reference} raised no non-compliance")
        dispute = work_models.InspectionOutcomeStatusRequest(
            inspection_response_type="inspection_outcome_disputed", inspection_response_reason="Signs were up")
        planner.call("work", "update_inspection_outcome_status", dispute, wrn, reference, expect=204)
        shown, raw = planner.call("work", "get_inspection", wrn, reference, expect=200, model="InspectionResponse")
        checked(results, C, "inspection", *planner.walk("work", raw, "InspectionResponse"), "InspectionResponse")
        if shown.promoter_response_status != "inspection_outcome_disputed":
            raise Failure(f"{reference} promoter_response_status {shown.promoter_response_status!r} after the dispute")
        if [int(f.file_id) for f in shown.files or []] != [photo]:
            raise Failure(f"{reference} lists files {shown.files!r}, expected [{photo}]")
        issued, raw = ha.call("work", "get_non_compliance", wrn, nc, expect=200, model="NonComplianceResponse")
        checked(results, C, "non-compliance", *ha.walk("work", raw, "NonComplianceResponse"),
                "NonComplianceResponse")
        if issued.non_compliance_status != "issued" or issued.latest_inspection.inspection_reference_number != reference:
            raise Failure(f"{nc} is {issued.non_compliance_status!r}, latest inspection "
                          f"{issued.latest_inspection.inspection_reference_number!r}")
        work, raw = planner.call("work", "get_work", wrn, expect=200, model="WorkResponse")
        checked(results, C, "inspection", *planner.walk("work", raw, "WorkResponse"), "WorkResponse")
        kinds = [(i.inspection_response_type, i.inspection_reference_number) for i in work.inspections or []]
        if ("reinspection", None) not in kinds or ("inspection", reference) not in kinds:
            raise Failure(f"works {wrn} lists inspections {kinds}")
        listed, raw = ha.call("reporting", "get_reinspections", expect=200, model="ReinspectionReportingResponse",
                              work_reference_number=wrn)
        checked(results, C, "reinspections", *ha.walk("reporting", raw, "ReinspectionReportingResponse"),
                "ReinspectionReportingResponse")
        if [r.work_reference_number for r in listed.rows] != [wrn]:
            raise Failure(f"GET /reinspections?work_reference_number={wrn} lists {listed.rows}")
        return shown, f"{reference} failed_high, {nc} issued, outcome disputed, reinspection scheduled"

    run_step(results, C, "inspection POST /files, POST (failed, non-compliant area, photo, reinspection), PUT …/status (dispute), "
             "GET inspection, non-compliance, work, reinspections", inspection, needs=[("a granted permit", granted)])

    def paa_progression():
        # R-PAA-02: a TTRO makes the first application a PAA; an application on it progresses it.
        fields = work_fields("streetmanager PAA")
        fields["is_ttro_required"] = True
        start, end = fields["proposed_start_date"], fields["proposed_end_date"]
        fields["proposed_start_date"] = start + dt.timedelta(days=100)
        fields["proposed_end_date"] = end + dt.timedelta(days=100)
        known = set(work_models.WorkCreateRequest.attribute_map.values())
        work_body = planner.serialise("work", work_models.WorkCreateRequest(
            **{k: v for k, v in fields.items() if k in known}))
        work_body.update({k: fields[k] for k in ("others_can_collaborate_on_work", "reason_for_non_collaboration")})
        created, _ = planner.call("work", "create_work", work_body, expect=201, model="WorkCreateResponse")
        paa_wrn, paa = created.work_reference_number, created.permit_reference_number
        for key in ("promoter_swa_code", "highway_authority_swa_code", "usrn"):
            fields.pop(key)
        known = set(work_models.PermitCreateRequest.attribute_map.values())
        body = planner.serialise("work", work_models.PermitCreateRequest(
            **{k: v for k, v in fields.items() if k in known}))
        # Fields the contract needs that streetmanager 0.3.3's model lacks go as extra keys.
        body.update({k: fields[k] for k in ("others_can_collaborate_on_work", "reason_for_non_collaboration")})
        value, raw = planner.call("work", "create_permit", body, paa_wrn, expect=201, model="PermitCreateResponse")
        checked(results, C, "progress PAA", *planner.walk("work", raw, "PermitCreateResponse"), "PermitCreateResponse")
        old, raw = planner.call("work", "get_permit", paa_wrn, paa, expect=200, model="PermitResponse")
        checked(results, C, "progressed PAA", *planner.walk("work", raw, "PermitResponse"), "PermitResponse")
        new, _ = planner.call("work", "get_permit", paa_wrn, value.permit_reference_number, expect=200,
                              model="PermitResponse")
        if old.permit_status != "progressed" or new.work_category != "major":
            raise Failure(f"PAA {old.permit_status!r}, PA {new.work_category!r}: expected progressed and major")
        return new, f"{paa} progressed into {value.permit_reference_number}"

    run_step(results, C, "PAA progression POST /works/{wrn}/permits on a PAA", paa_progression,
             needs=[("planner token", planner)])

    def immediate_works():
        # R-IMM-01/02/05/06: emergency works reported an hour after they started are in progress
        # at once with their start logged; the HA grants them with a duration challenge; works stop.
        fields = work_fields("streetmanager immediate")
        started = now_minus(60)
        fields.update({"work_type": "immediate", "immediate_risk": True, "proposed_start_date": started,
                       "proposed_start_time": started, "proposed_end_date": started + dt.timedelta(days=10)})
        fields.pop("is_ttro_required")
        known = set(work_models.WorkCreateRequest.attribute_map.values())
        body = planner.serialise("work", work_models.WorkCreateRequest(
            **{k: v for k, v in fields.items() if k in known}))
        body.update({k: v for k, v in fields.items() if k not in known})
        created, raw = planner.call("work", "create_work", body, expect=201, model="WorkCreateResponse")
        checked(results, C, "immediate works", *planner.walk("work", raw, "WorkCreateResponse"), "WorkCreateResponse")
        imm_wrn, imm_prn = created.work_reference_number, created.permit_reference_number
        permit, raw = planner.call("work", "get_permit", imm_wrn, imm_prn, expect=200, model="PermitResponse")
        checked(results, C, "immediate works", *planner.walk("work", raw, "PermitResponse"), "PermitResponse")
        if permit.work_status != "in_progress" or permit.actual_start_date is None:
            raise Failure(f"immediate works {imm_wrn}: {permit.work_status!r}, start {permit.actual_start_date!r}")
        decision = work_models.PermitAssessmentUpdateRequest(
            assessment_status="granted", assessment_discount=0, is_duration_challenged=True,
            reasonable_period_end_date=started + dt.timedelta(days=7), additional_comments="A week will do")
        ha.call("work", "update_assessment_status", decision, imm_wrn, imm_prn, expect=204)
        stop = work_models.WorkStopUpdateRequest(actual_stop_date=now_minus(1))
        planner.call("work", "update_actual_stop_date", stop, imm_wrn, expect=204)
        permit, raw = planner.call("work", "get_permit", imm_wrn, imm_prn, expect=200, model="PermitResponse")
        checked(results, C, "immediate works", *planner.walk("work", raw, "PermitResponse"), "PermitResponse")
        if permit.permit_status != "closed" or not permit.is_duration_challenged:
            raise Failure(f"immediate permit {imm_prn}: {permit.permit_status!r}, "
                          f"duration challenged {permit.is_duration_challenged!r}")
        return permit, f"{imm_prn} {permit.work_category} started, granted with a duration challenge, closed"

    run_step(results, C, "immediate works POST /works (immediate), PUT …/assessment (duration challenge), PUT …/stop",
             immediate_works, needs=[("planner token", planner), ("HA token", ha)])

    def start():
        body = work_models.WorkStartUpdateRequest(actual_start_date=now_minus(10))
        planner.call("work", "update_actual_start_date", body, wrn, expect=204)
        return True, ""

    started = run_step(results, C, "start works PUT …/start", start, needs=[("a granted permit", granted)])

    def sampling():
        # R-SAMP-02 … R-SAMP-04 (D-SAMPLING): a target for the promoter, the quota, a generation
        # run by the server's sampling service, which samples the live works just started.
        sampler = SwaggerApis(base, ha_auth.id_token, apis=("sampling", "reporting", "work"))
        models = sampler.packages["sampling"].models
        body = models.SampleInspectionTargetCreateRequest(
            promoter_org_ref=PROMOTER, inspection_units_baseline=400, inspection_rate=50, target_a=2, target_b=1,
            target_c=1)
        made, raw = sampler.call("sampling", "create_sample_inspection_target", body, expect=201,
                                 model="SampleInspectionTargetCreateResponse")
        checked(results, C, "sampling", *sampler.walk("sampling", raw, "SampleInspectionTargetCreateResponse"),
                "SampleInspectionTargetCreateResponse")
        reference = made.sample_inspection_target_reference_number
        quota, raw = sampler.call("sampling", "get_sample_inspection_quota", [400], 50, expect=200,
                                  model="SampleInspectionQuotaResponse")
        checked(results, C, "sampling", *sampler.walk("sampling", raw, "SampleInspectionQuotaResponse"),
                "SampleInspectionQuotaResponse")
        if quota.quota != 50:
            raise Failure(f"quota {quota.quota}, expected 50")
        sampler.call("sampling", "generate_sample_inspections",
                     models.GenerateSampleInspectionsRequest(sample_inspection_rate=100), expect=204)
        for _ in range(300):  # the server's sampling service runs the job
            jobs, raw = sampler.call("reporting", "get_pbi_sample_generation_jobs", expect=200,
                                     model="PbiSampleGenerationJobsReportingResponse")
            if jobs.rows and jobs.rows[0].async_job_status in ("complete", "failed"):
                break
            time.sleep(0.1)
        checked(results, C, "sampling", *sampler.walk("reporting", raw, "PbiSampleGenerationJobsReportingResponse"),
                "PbiSampleGenerationJobsReportingResponse")
        if not jobs.rows or jobs.rows[0].async_job_status != "complete":
            raise Failure(f"the generation job did not complete: {clip(json.dumps(raw))}")
        target, raw = sampler.call("sampling", "get_sample_inspection_target", reference, expect=200,
                                   model="SampleInspectionTargetResponse")
        checked(results, C, "sampling", *sampler.walk("sampling", raw, "SampleInspectionTargetResponse"),
                "SampleInspectionTargetResponse")
        samples, raw = sampler.call("reporting", "get_pbi_sample_inspections", expect=200,
                                    model="PbiSampleInspectionReportingResponse")
        checked(results, C, "sampling", *sampler.walk("reporting", raw, "PbiSampleInspectionReportingResponse"),
                "PbiSampleInspectionReportingResponse")
        if f"{wrn}-SI-A" not in [r.pbi_sample_inspection_reference_number for r in samples.rows or []]:
            raise Failure(f"{wrn}-SI-A is not among the samples: {clip(json.dumps(raw))}")
        # The works record lists its open sample to its highway authority (R-SAMP-08, D-SAMPLING).
        work, raw = sampler.call("work", "get_work", wrn, expect=200, model="WorkResponse")
        checked(results, C, "sampling", *sampler.walk("work", raw, "WorkResponse"), "WorkResponse")
        if f"{wrn}-SI-A" not in [s.pbi_sample_inspection_reference_number for s in work.pbi_sample_inspections or []]:
            raise Failure(f"{wrn}-SI-A is not on the works record: {clip(json.dumps(raw))}")
        targets, raw = sampler.call("reporting", "get_pbi_sample_inspection_targets", expect=200,
                                    model="PbiSampleInspectionTargetReportingResponse")
        checked(results, C, "sampling", *sampler.walk("reporting", raw, "PbiSampleInspectionTargetReportingResponse"),
                "PbiSampleInspectionTargetReportingResponse")
        return target, f"{reference}: {wrn}-SI-A issued, {len(targets.rows or [])} target(s) listed"

    run_step(results, C, "sampling POST /sample-inspection-targets, POST /sample-inspections, PBI lists", sampling,
             needs=[("HA token", ha_auth), ("started works", started)])

    def stop():
        body = work_models.WorkStopUpdateRequest(actual_stop_date=now_minus(1))
        planner.call("work", "update_actual_stop_date", body, wrn, expect=204)
        return True, ""

    run_step(results, C, "stop works PUT …/stop", stop, needs=[("started works", started)])

    def get_work():
        value, raw = planner.call("work", "get_work", wrn, expect=200, model="WorkResponse")
        checked(results, C, "get work", *planner.walk("work", raw, "WorkResponse"), "WorkResponse")
        if value.work_reference_number != wrn:
            raise Failure(f"work_reference_number {value.work_reference_number!r}, expected {wrn!r}")
        return value, f"work_status {value.work_status}"

    run_step(results, C, "get work GET /works/{wrn}", get_work, needs=[("a created work", wrn)])

    def get_permit():
        value, raw = planner.call("work", "get_permit", wrn, prn, expect=200, model="PermitResponse")
        checked(results, C, "get permit", *planner.walk("work", raw, "PermitResponse"), "PermitResponse")
        if value.permit_reference_number != prn:
            raise Failure(f"permit_reference_number {value.permit_reference_number!r}, expected {prn!r}")
        return value, f"permit_status {value.permit_status}"

    run_step(results, C, "get permit GET /works/{wrn}/permits/{prn}", get_permit, needs=[("a created work", wrn)])

    def history():
        value, raw = planner.call("work", "get_work_history", wrn, expect=200, model="WorkHistoryResponse")
        checked(results, C, "work history", *planner.walk("work", raw, "WorkHistoryResponse"), "WorkHistoryResponse")
        return value, f"{len(value.rows or [])} events"

    run_step(results, C, "work history GET /works/{wrn}/history", history, needs=[("a created work", wrn)])

    def updates():
        value, raw = planner.call("event", "get_works_updates", expect=200, model="WorkUpdateResponse")
        checked(results, C, "works updates", *planner.walk("event", raw, "WorkUpdateResponse"), "WorkUpdateResponse")
        return value, f"{len(value.rows or [])} updates"

    run_step(results, C, "event GET /works/updates", updates, needs=[("planner token", planner)])

    def export():
        models = planner.packages["export"].models
        value, raw = planner.call("export", "generate_permits_csv", body=models.PermitCSVExportRequest(
            export_description="conformance"), expect=200, model="CSVExportResponse")
        checked(results, C, "permits export", *planner.walk("export", raw, "CSVExportResponse"), "CSVExportResponse")
        csv_id = int(value.csv_id)
        status = None
        for _ in range(300):  # the server's background service renders it
            listed, raw = planner.call("reporting", "get_csv_exports", expect=200, model="CSVExportReportingResponse")
            checked(results, C, "csv exports", *planner.walk("reporting", raw, "CSVExportReportingResponse"),
                    "CSVExportReportingResponse")
            row = next((r for r in listed.rows or [] if int(r.csv_export_id) == csv_id), None)
            status = row.csv_export_status if row else None
            if status in ("ready", "failed"):
                break
            time.sleep(0.1)
        if status != "ready":
            raise Failure(f"export {csv_id} is {status}, not ready")
        response = planner.apis["export"].get_csv(csv_id, _preload_content=False)
        text = response.data.decode("utf-8")
        disposition = response.getheader("Content-Disposition") or ""
        if "filename=\"permits_" not in disposition:
            raise Failure(f"Content-Disposition {disposition!r} names no permits file")
        lines = text.split("\r\n")
        if not lines[0].startswith("work_reference_number,permit_reference_number"):
            raise Failure(f"CSV header {lines[0][:80]!r}")
        if prn and not any(f",{prn}," in line for line in lines[1:]):
            raise Failure(f"permit {prn} is not in the export")
        return True, f"csv {csv_id}: {len([l for l in lines if l]) - 1} rows"

    run_step(results, C, "export POST /permits/csv, GET /csv/{id}", export,
             needs=[("planner token", planner), ("a created work", wrn)])

    def map_query():
        value, raw = planner.call("geojson", "get_works_intersect_bounding_box", 450990, 200990, 451060, 201030,
                                  expect=200, model="WorkResponse")
        checked(results, C, "map query", *planner.walk("geojson", raw, "WorkResponse"), "WorkResponse")
        found = [f for f in value.features or [] if f.properties and f.properties.work_reference_number == wrn]
        if not found:
            raise Failure(f"works {wrn} is not on the map")
        return value, f"{len(value.features or [])} features"

    run_step(results, C, "map GET /geojson/works", map_query,
             needs=[("planner token", planner), ("a created work", wrn)])

    def forward_plan():
        """R-FP-05: a plan makes a works record with no permits; applying on it progresses the plan."""
        fields = work_fields("streetmanager, forward plan")
        start, end = fields["proposed_start_date"], fields["proposed_end_date"]
        plan_body = work_models.ForwardPlanCreateRequest(
            promoter_swa_code=PROMOTER, highway_authority_swa_code=AUTHORITY, workstream_prefix=WORKSTREAM,
            usrn=USRN, works_coordinates=fields["works_coordinates"], start_date=start, end_date=end,
            description_of_work=fields["description_of_work"],
            works_location_description=fields["works_location_description"], traffic_management_type="lane_closure")
        made, raw = planner.call("work", "create_forward_plan", plan_body, expect=201,
                                 model="ForwardPlanCreateResponse")
        checked(results, C, "forward plan", *planner.walk("work", raw, "ForwardPlanCreateResponse"),
                "ForwardPlanCreateResponse")
        plan_wrn, reference = made.work_reference_number, made.forward_plan_reference_number

        def read(expected):
            plan, raw = planner.call("work", "get_forward_plan", plan_wrn, reference, expect=200,
                                     model="ForwardPlanResponse")
            checked(results, C, "forward plan", *planner.walk("work", raw, "ForwardPlanResponse"),
                    "ForwardPlanResponse")
            if plan.forward_plan_status != expected:
                raise Failure(f"forward plan {reference} is {plan.forward_plan_status}, expected {expected}")

        read("raised")
        known = set(work_models.PermitCreateRequest.attribute_map.values())
        application = work_models.PermitCreateRequest(**{k: v for k, v in fields.items() if k in known})
        body = planner.serialise("work", application)
        # As for create work: fields the 0.3.3 client lacks go as extra keys (the works-level ones stay out).
        works_level = {"promoter_swa_code", "highway_authority_swa_code", "usrn"}
        body.update({k: v for k, v in planner.serialise("work", fields).items() if k not in known | works_level})
        permit, raw = planner.call("work", "create_permit", body, plan_wrn, expect=201, model="PermitCreateResponse")
        checked(results, C, "forward plan", *planner.walk("work", raw, "PermitCreateResponse"),
                "PermitCreateResponse")
        read("progressed")
        work, raw = planner.call("work", "get_work", plan_wrn, expect=200, model="WorkResponse")
        checked(results, C, "forward plan", *planner.walk("work", raw, "WorkResponse"), "WorkResponse")
        if not work.forward_plan or work.forward_plan.forward_plan_reference_number != reference:
            raise Failure(f"works {plan_wrn} does not show forward plan {reference}")
        return True, f"{reference} progressed into {permit.permit_reference_number}"

    run_step(results, C, "forward plan POST /forward-plans, GET it, progress with POST /works/{wrn}/permits",
             forward_plan, needs=[("planner token", planner)])

    def fees():
        """R-FEE-01: the HA sets its fee matrix, the planner reads it; R-FEE-07: the fee report holds the grant."""
        matrix = work_models.FeeMatrixRequest(
            discount_guidance="streetmanager conformance", **{f: 10.0 + i for i, f in enumerate(FEE_FIELDS)})
        # The client has no method for the PUT the project added: its own generic call.
        client = ha.apis["work"].api_client
        client.call_api("/fee-matrix/{organisationReference}", "PUT", {"organisationReference": AUTHORITY}, [],
                        {"Content-Type": "application/json"}, body=ha.serialise("work", matrix),
                        auth_settings=["token"], _return_http_data_only=True)
        status = ha.last["work"][0] if ha.last.get("work") else None
        if status != 204:
            raise Failure(f"PUT /fee-matrix/{AUTHORITY} answered {status}, expected 204")
        shown, raw = planner.call("work", "get_fee_matrix", AUTHORITY, expect=200, model="FeeMatrixResponse")
        checked(results, C, "fee matrix", *planner.walk("work", raw, "FeeMatrixResponse"), "FeeMatrixResponse")
        if shown.minor_works_permit_fee_traffic_sensitive != 13.0:
            raise Failure(f"minor works fee {shown.minor_works_permit_fee_traffic_sensitive}, expected 13.0")
        now = dt.datetime.now(dt.timezone.utc)
        body = {"start_date": (now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "end_date": (now + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "fee_report_format": "all_orgs_one_csv", "export_description": "conformance fees"}
        value, raw = ha.call("export", "generate_fees_csv", body=body, expect=200, model="CSVExportResponse")
        checked(results, C, "fees export", *ha.walk("export", raw, "CSVExportResponse"), "CSVExportResponse")
        csv_id = int(value.csv_id)
        for _ in range(300):  # the server's background service renders it
            listed, _ = ha.call("reporting", "get_csv_exports", expect=200, model="CSVExportReportingResponse")
            row = next((r for r in listed.rows or [] if int(r.csv_export_id) == csv_id), None)
            if row and row.csv_export_status in ("ready", "failed"):
                break
            time.sleep(0.1)
        response = ha.apis["export"].get_csv(csv_id, _preload_content=False)
        lines = response.data.decode("utf-8").split("\r\n")
        if not lines[0].startswith("transaction_date,transaction_type"):
            raise Failure(f"fees CSV header {lines[0][:80]!r}")
        if not any(f",grant,{wrn},{prn}," in line for line in lines[1:]):
            raise Failure(f"the grant of {prn} is not in the fee report")
        return True, f"matrix set and read; csv {csv_id}: {len([l for l in lines if l]) - 1} transactions"

    run_step(results, C, "fees PUT/GET /fee-matrix/{org}, POST /export/fees/csv, GET /csv/{id}", fees,
             needs=[("HA token", ha), ("planner token", planner), ("a granted permit", granted)])



# A tiny JPEG (a JFIF header and the end-of-image marker): what an inspector's photo is sent as.
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


def upload_photo(results, C, holder, name):
    """Uploads a tiny JPEG as `holder` (the client sends the part typed by the file name); its id."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, name)
        with open(path, "wb") as f:
            f.write(JPEG)
        made, raw = holder.call("work", "upload_file", path, expect=201, model="FileSummaryResponse")
    checked(results, C, "evidence file", *holder.walk("work", raw, "FileSummaryResponse"), "FileSummaryResponse")
    return int(made.file_id)


# --------------------------------------------------------------------------------------------
# Client 2: streetworks (httpx + pydantic)


class StreetworksSession:
    def __init__(self, base, email):
        import httpx
        from streetworks._transport import RetryConfig, SyncTransport
        from streetworks.streetmanager import StreetManagerClient

        self.responses = []

        def remember(response):
            response.read()
            self.responses.append(response)

        http = httpx.Client(timeout=30.0, event_hooks={"response": [remember]})
        # One attempt: a retried call would hide a server error.
        transport = SyncTransport(client=http, retry=RetryConfig(max_attempts=1))
        self.client = StreetManagerClient(email, PASSWORD, environment=base, transport=transport)

    def call(self, fn, *args, expect, **kwargs):
        """Calls a client method; returns its parsed JSON after checking the status."""
        from streetworks.exceptions import APIError

        before = len(self.responses)
        try:
            value = fn(*args, **kwargs)
        except APIError as error:
            http_failure(error.status_code, error.body, expect)
        last = self.responses[-1] if len(self.responses) > before else None
        if last is not None and last.status_code != expect:
            raise Failure(f"HTTP {last.status_code}, the contract documents {expect}: {clip(last.content)}")
        return value


def validate(model, data, what=None):
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as error:
        lines = [f"{'.'.join(str(p) for p in e['loc']) or '$'}: {e['msg']} (got {clip(repr(e.get('input')), 120)})"
                 for e in error.errors()[:12]]
        raise Failure(f"does not validate as {what or model.__name__} ({error.error_count()} errors):\n  "
                      + "\n  ".join(lines))


def streetworks_journey(base, results):
    from streetworks.streetmanager.models.v6 import event as event_models
    from streetworks.streetmanager.models.v6 import lookup as lookup_models
    from streetworks.streetmanager.models.v6 import reporting as reporting_models
    from streetworks.streetmanager.models.v6 import work as work_models

    C = "streetworks"

    def authenticate(email):
        def step():
            session = StreetworksSession(base, email)
            try:
                organisation = session.client.authenticate()
            except Exception as error:
                from streetworks.exceptions import APIError
                if isinstance(error, APIError):
                    http_failure(error.status_code, error.body, 200)
                raise
            answer = next((r for r in session.responses if r.url.path.endswith("/authenticate")), None)
            if answer is None or answer.status_code != 200:
                raise Failure(f"authenticate answered {answer and answer.status_code}, expected 200")
            validate(work_models.AuthenticationResponse, answer.json())
            return session, f"organisationReference {organisation}"
        return step

    planner = run_step(results, C, f"authenticate {PLANNER}", authenticate(PLANNER))
    ha = run_step(results, C, f"authenticate {HA_OFFICER}", authenticate(HA_OFFICER))

    def lookup():
        raw = planner.call(planner.client.lookup.street_by_usrn, USRN, expect=200)
        street = validate(lookup_models.StreetResponse, raw)
        return street, f"{street.street_descriptor or ''} {street.town or ''}".strip()

    run_step(results, C, f"lookup GET /nsg/streets/{USRN}", lookup, needs=[("planner token", planner)])

    def create():
        request = work_models.WorkCreateRequest(**work_fields("streetworks"))
        body = request.model_dump(mode="json", exclude_none=True)
        raw = planner.call(planner.client.work.create_work, body, expect=201)
        created = validate(work_models.WorkCreateResponse, raw)
        return created, f"{created.work_reference_number} / {created.permit_reference_number}"

    created = run_step(results, C, "create work POST /works", create, needs=[("planner token", planner)])
    wrn = created.work_reference_number if created else None
    prn = created.permit_reference_number if created else None

    def reporting():
        # iter_permits pages on pagination.has_next_page; validate each page as it comes.
        found, pages = None, 0
        offset = 0
        while pages < 20:
            raw = ha.call(ha.client.reporting.permits, expect=200, status="submitted", offset=offset)
            page = validate(reporting_models.PermitReportingResponse, raw)
            found = found or next((r for r in page.rows if r.permit_reference_number == prn), None)
            pages += 1
            if found or not page.rows or not page.pagination.has_next_page:
                break
            offset += len(page.rows)
        if prn and not found:
            raise Failure(f"permit {prn} not among the submitted permits the highway authority sees")
        return found, f"{prn} found" if found else "no permit to look for"

    run_step(results, C, "reporting GET /permits?status=submitted", reporting, needs=[("HA token", ha)])

    def assess():
        # streetworks' assess_permit() PUTs to …/permits/{prn}/status, which in v6 is the promoter's
        # PermitStatusUpdateRequest; the assessment is …/assessment, reached with the generic put().
        body = work_models.PermitAssessmentUpdateRequest(assessment_status="granted", assessment_discount=0)
        ha.call(ha.client.work.put, f"works/{wrn}/permits/{prn}/assessment",
                json=body.model_dump(mode="json", exclude_none=True), expect=204)
        return True, "granted"

    granted = run_step(results, C, "assess permit PUT …/assessment", assess,
                       needs=[("HA token", ha), ("a created work", wrn)])

    def ancillary_info():
        # R-PERMIT-24 through the generic calls (streetworks has no ancillary information methods).
        body = work_models.CreateAncillaryInfoRequest(
            ancillary_info_type="portable_traffic_signals_or_other_traffic_controls",
            ancillary_info_description="Two-way signals", usrns=[USRN],
            ancillary_info_coordinates=[{"type": "Point", "coordinates": [451000, 201000]},
                                        {"type": "Point", "coordinates": [451050, 201020]}])
        path = f"works/{wrn}/permits/{prn}/ancillary-informations"
        made = validate(work_models.CreateAncillaryInfoResponse, planner.call(
            planner.client.work.post, path, json=body.model_dump(mode="json", exclude_none=True), expect=201))
        reference = made.ancillary_info_reference_number
        shown = validate(work_models.AncillaryInfoResponse,
                         ha.call(ha.client.work.get, f"{path}/{reference}", expect=200))
        removal = work_models.RemoveAncillaryInfoRequest(ancillary_info_removal_reason="Signals not needed")
        validate(work_models.RemoveAncillaryInfoResponse, planner.call(
            planner.client.work.put, f"{path}/{reference}/remove",
            json=removal.model_dump(mode="json", exclude_none=True), expect=200))
        removed = validate(work_models.AncillaryInfoResponse,
                           planner.call(planner.client.work.get, f"{path}/{reference}", expect=200))
        if shown.ancillary_info_status.value != "added" or removed.ancillary_info_status.value != "removed":
            raise Failure(f"{reference}: {shown.ancillary_info_status} then {removed.ancillary_info_status}")
        return removed, f"{reference} added and removed"

    run_step(results, C, "ancillary information POST, GET, PUT …/remove", ancillary_info,
             needs=[("a granted permit", granted)])

    def start():
        body = work_models.WorkStartUpdateRequest(actual_start_date=now_minus(10))
        planner.call(planner.client.work.start_work, wrn, body.model_dump(mode="json", exclude_none=True), expect=204)
        return True, ""

    started = run_step(results, C, "start works PUT …/start", start, needs=[("a granted permit", granted)])

    def stop():
        body = work_models.WorkStopUpdateRequest(actual_stop_date=now_minus(1))
        planner.call(planner.client.work.stop_work, wrn, body.model_dump(mode="json", exclude_none=True), expect=204)
        return True, ""

    run_step(results, C, "stop works PUT …/stop", stop, needs=[("started works", started)])

    def get_work():
        work = validate(work_models.WorkResponse, planner.call(planner.client.work.get_work, wrn, expect=200))
        if work.work_reference_number != wrn:
            raise Failure(f"work_reference_number {work.work_reference_number!r}, expected {wrn!r}")
        return work, f"work_status {work.work_status.value}"

    run_step(results, C, "get work GET /works/{wrn}", get_work, needs=[("a created work", wrn)])

    def get_permit():
        permit = validate(work_models.PermitResponse, planner.call(planner.client.work.get_permit, wrn, prn, expect=200))
        if permit.permit_reference_number != prn:
            raise Failure(f"permit_reference_number {permit.permit_reference_number!r}, expected {prn!r}")
        return permit, f"permit_status {permit.permit_status.value}"

    run_step(results, C, "get permit GET /works/{wrn}/permits/{prn}", get_permit, needs=[("a created work", wrn)])

    def history():
        # streetworks has no history method: the generic get() on the work API.
        raw = planner.call(planner.client.work.get, f"works/{wrn}/history", expect=200)
        page = validate(work_models.WorkHistoryResponse, raw)
        return page, f"{len(page.rows)} events"

    run_step(results, C, "work history GET /works/{wrn}/history", history, needs=[("a created work", wrn)])

    def updates():
        raw = planner.call(planner.client.event.works_updates, expect=200)
        page = validate(event_models.WorkUpdateResponse, raw)
        return page, f"{len(page.rows)} updates"

    run_step(results, C, "event GET /works/updates", updates, needs=[("planner token", planner)])

    def fee_matrix():
        # R-FEE-01: the PUT the project added, through the client's generic put(); the GET validated.
        request = work_models.FeeMatrixRequest(
            discount_guidance="streetworks conformance", charge_band_one_cost=250.0,
            charge_band_one_description="Peak", **{f: 20.0 + i for i, f in enumerate(FEE_FIELDS)})
        ha.call(ha.client.work.put, f"fee-matrix/{AUTHORITY}", json=request.model_dump(mode="json", exclude_none=True),
                expect=204)
        matrix = validate(work_models.FeeMatrixResponse,
                          planner.call(planner.client.work.get, f"fee-matrix/{AUTHORITY}", expect=200))
        if matrix.charge_band_one_cost != 250.0 or matrix.major_paa_fee_traffic_sensitive != 20.0:
            raise Failure(f"fee matrix read back as {matrix.model_dump(exclude_none=True)}")
        return matrix, "set and read back"

    run_step(results, C, "fee matrix PUT/GET /fee-matrix/{org}", fee_matrix,
             needs=[("HA token", ha), ("planner token", planner)])

    # streetworks renews tokens with {"refreshToken": …}, camelCase, where the v6 TokenRefreshRequest
    # (and so this server) has refresh_token; on any error it signs in again, so users never see it.
    # Reported, not counted: the divergence is the client's.
    if planner is not None:
        from streetworks.exceptions import APIError
        try:
            planner.client._auth._refresh()
        except APIError as error:
            results.warn(C, "token refresh", f"the client's own refresh body was refused ({error.status_code}: "
                         f"{clip(error.body, 200)}); it falls back to signing in again")


# --------------------------------------------------------------------------------------------
# The server


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(base):
    try:
        with urllib.request.urlopen(base + "/v6/work/status", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def start_server(binary, data_dir, attempts=3, wait=60):
    """Starts `serve`; a binary that is missing or fails to start (it may be being rebuilt) is retried."""
    log_path = os.path.join(data_dir, "server.log")
    for attempt in range(1, attempts + 1):
        if os.access(binary, os.X_OK):
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            log = open(log_path, "ab")
            env = dict(os.environ, LOG_LEVEL=os.environ.get("LOG_LEVEL", "warning"))
            process = subprocess.Popen([binary, "serve", "--port", str(port), "--data-dir", data_dir],
                                       stdout=log, stderr=subprocess.STDOUT, env=env)
            deadline = time.time() + 90
            while time.time() < deadline and process.poll() is None:
                if answers(base):
                    return process, base
                time.sleep(0.2)
            if process.poll() is None:
                process.kill()
                process.wait()
            reason = f"exited with {process.returncode}" if process.returncode else "did not answer in 90 s"
        else:
            reason = f"{binary} is missing or not executable"
        print(f"conformance: server start {attempt}/{attempts} failed: {reason}", file=sys.stderr)
        try:
            with open(log_path, errors="replace") as log:
                tail = log.read().splitlines()[-15:]
            for line in tail:
                print("  " + line[:400], file=sys.stderr)
        except OSError:
            pass
        if attempt < attempts:
            time.sleep(wait)
    return None, None


def print_server_errors(log_path, count=5):
    """A 5xx is the server's fault: show the last errors it logged, cut to a readable length."""
    try:
        with open(log_path, errors="replace") as log:
            errors = [line.strip() for line in log if " error " in line or " critical " in line]
    except OSError:
        return
    if errors:
        print("conformance: last errors in the server log:", flush=True)
        for line in errors[-count:]:
            print("  " + (line if len(line) <= 400 else line[:400] + "…"), flush=True)


# --------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/street-manager"))
    parser.add_argument("--base-url", help="use a server that is already running (e.g. http://127.0.0.1:8080)")
    parser.add_argument("--strict", action="store_true", help="count 501 Not implemented as a failure")
    parser.add_argument("--keep", action="store_true", help="keep the server's data directory")
    parser.add_argument("--client", choices=["streetmanager", "streetworks"], action="append",
                        help="run only this client (repeatable; default both)")
    args = parser.parse_args()
    clients = args.client or ["streetmanager", "streetworks"]

    results = Results(args.strict)
    process, data_dir = None, None
    try:
        if args.base_url:
            base = args.base_url.rstrip("/")
        else:
            data_dir = tempfile.mkdtemp(prefix="sm-conformance-")
            process, base = start_server(os.path.abspath(args.binary), data_dir)
            if process is None:
                print("conformance: 0 passed, 1 failed", flush=True)
                return 1
        store = "PostgreSQL (DATABASE_URL)" if os.environ.get("DATABASE_URL") else "SQLite"
        print(f"conformance: server {base} ({store if not args.base_url else 'already running'})", flush=True)
        for name, journey in (("streetmanager", swagger_journey), ("streetworks", streetworks_journey)):
            if name in clients:
                try:
                    journey(base, results)
                except Exception as error:  # a bug here or in a client: fail loudly, go on with the other
                    results.record("fail", name, "journey aborted", f"{type(error).__name__}: {error}\n" + short_trace())
    finally:
        if process is not None and any(r[0] == "fail" and "HTTP 5" in str(r[3]) for r in results.rows):
            print_server_errors(os.path.join(data_dir, "server.log"))
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if data_dir and not args.keep:
            import shutil
            shutil.rmtree(data_dir, ignore_errors=True)
        elif data_dir:
            print(f"conformance: data and server.log kept in {data_dir}", flush=True)

    passed, failed = results.count("pass"), results.count("fail")
    not_built, skipped = results.count("notbuilt"), results.count("skip")
    if args.strict:
        failed += not_built
    print(f"conformance detail: {not_built} not built{' (counted as failed: --strict)' if args.strict else ''}, "
          f"{skipped} skipped, {len(results.warnings)} warnings", flush=True)
    print(f"conformance: {passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # swagger-codegen's ApiClient joins a ThreadPool in __del__, which can hang at interpreter exit.
    os._exit(code)
