#!/usr/bin/env python3
"""Property-based fuzzing of a live street-manager server with schemathesis.

Starts `street-manager serve` on a free loopback port with a fresh data directory (SQLite, or
PostgreSQL when DATABASE_URL is set), signs in as the planner and as the highway-authority
officer, reads each API's OpenAPI document from the server (/v6/<api>/openapi.json), finds the
operations that are built (an unbuilt one answers 501 "Not implemented" before any token check)
and runs the schemathesis CLI over the built ones of every API, first as the planner and then as
the officer, with exactly the checks not_a_server_error, response_schema_conformance and
status_code_conformance, a fixed seed and a bounded number of examples. Unbuilt operations are
excluded by operationId. Path parameters are drawn, three times in four, from real identifiers:
a work, its permit, a comment, an ancillary information item, an inspection with its
non-compliance and a forward plan created for the run, evidence files and an FPN, the demo
organisations (Anytown's with a fee matrix set for the run), a sample inspection target of Anytown,
workstreams, streets and users. After each run the server must still be alive; a crash is a
failure, and the server is started again to fuzz the operations the crash cut off. Prints every
failure with a curl that reproduces it, stops the server whatever happens, and exits non-zero on
any failure.

Runs with the standard library; schemathesis itself is installed (pinned, requirements.txt)
into a virtual environment, .venv-fuzz/ at the repository root, on first use. See README.md.
"""
import argparse
import base64
import datetime as dt
import hashlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
VENV = os.environ.get("FUZZ_VENV") or os.path.join(ROOT, ".venv-fuzz")

APIS = ["work", "reporting", "lookup", "geojson", "party", "export", "event", "sampling", "worklist"]
PASSWORD = "Demo-Passw0rd!"
USERS = [  # (label, e-mail, shell variable holding its ID token in the printed curls)
    ("planner", "planner@anytown-water.example", "PLANNER_TOKEN"),
    ("ha-officer", "ha.officer@anytown.example", "HA_OFFICER_TOKEN"),
]
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance"
DEFAULT_SEED = 20240601
DEFAULT_MAX_EXAMPLES = 60
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
DROP_HEADERS = {"user-agent", "accept-encoding", "accept", "connection", "content-length"}
# How often a generated path parameter is replaced by a real identifier (see test_data()).
DICTIONARY_PROBABILITY = 0.75


def log(message=""):
    print(message, flush=True)


# --------------------------------------------------------------------------------------------
# Virtual environment


def ensure_venv():
    """Creates VENV and installs requirements.txt into it, unless it matches already."""
    with open(REQUIREMENTS, "rb") as handle:
        want = hashlib.sha256(handle.read()).hexdigest()
    stamp = os.path.join(VENV, ".requirements.sha256")
    python = os.path.join(VENV, "bin", "python")
    have = open(stamp).read().strip() if os.path.isfile(stamp) else None
    if os.access(python, os.X_OK) and have == want:
        return os.path.join(VENV, "bin", "schemathesis")
    log(f"fuzz: creating virtual environment in {VENV}")
    shutil.rmtree(VENV, ignore_errors=True)
    interpreter = os.environ.get("PYTHON") or sys.executable or "python3"
    subprocess.run([interpreter, "-m", "venv", VENV], check=True)
    # No fallback: if PyPI cannot be reached this fails loudly.
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", REQUIREMENTS],
                   check=True)
    with open(stamp, "w") as handle:
        handle.write(want + "\n")
    return os.path.join(VENV, "bin", "schemathesis")


# --------------------------------------------------------------------------------------------
# The server


def call(base, method, path, body=None, token=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("content-type", "application/json")
    if token:
        request.add_header("token", token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        raw = error.read()
        status = error.code
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode("utf-8", "replace")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, data_dir, log_dir):
        self.binary = binary
        self.data_dir = data_dir
        self.log_dir = log_dir
        self.starts = 0
        self.log_path = None
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, timeout=120):
        """Starts the server (again, after a crash: same data dir and port, a new log file)."""
        self.starts += 1
        self.log_path = os.path.join(self.log_dir, f"server-{self.starts}.log")
        env = dict(os.environ, RATE_LIMIT_PER_MINUTE="0", LOG_LEVEL="warning")
        with open(self.log_path, "ab") as out:
            self.process = subprocess.Popen(
                [self.binary, "serve", "--port", str(self.port), "--data-dir", self.data_dir],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                start_new_session=True)  # our Ctrl-C does not reach it; stop() ends it
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"fuzz: the server exited with {self.process.returncode} while starting\n"
                                 + self.log_tail())
            try:
                if call(self.base, "GET", "/v6/work/status", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"fuzz: the server did not answer GET /v6/work/status within {timeout} s\n" + self.log_tail())

    def alive(self):
        """None when the server runs and answers GET /v6/work/status with 200, else why not."""
        if self.process is None:
            return "not started"
        if self.process.poll() is not None:
            return f"the server process exited with {self.process.returncode}"
        try:
            status, body = call(self.base, "GET", "/v6/work/status", timeout=10)
        except OSError as error:
            return f"GET /v6/work/status failed: {error}"
        return None if status == 200 else f"GET /v6/work/status answered {status}: {body}"

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_lines(self):
        try:
            with open(self.log_path, "rb") as handle:
                return handle.read().decode("utf-8", "replace").splitlines()
        except (OSError, TypeError):
            return []

    def log_tail(self, lines=40):
        text = self.log_lines()
        return "\n".join([f"{os.path.basename(self.log_path or 'server.log')} (last lines):"]
                         + ["  " + line for line in text[-lines:]])

    def handler_errors(self):
        """{operationId: first logged handler error} from all logs of this run."""
        found = {}
        for number in range(1, self.starts + 1):
            try:
                with open(os.path.join(self.log_dir, f"server-{number}.log"), "rb") as handle:
                    text = handle.read().decode("utf-8", "replace")
            except OSError:
                continue
            for match in re.finditer(r"error=(\w+): (.*)", text):
                found.setdefault(match.group(1), match.group(2))
        return found

    def crash_summary(self):
        """The runtime's reason and the first frames in the project's sources, from a crash log."""
        lines = self.log_lines()
        reason = [line.strip(" *") for line in lines if line.startswith("***") and "Backtracing" not in line]
        frames = [re.sub(r"^\s*\d+\s+(\[[^]]*\]\s*)*0x[0-9a-f]+\s+", "", line).strip()
                  for line in lines if "/Sources/" in line and ".build/" not in line]
        if not reason and not frames:
            return self.log_tail()
        return "\n".join(reason[:2] + [f"at {frame}" for frame in frames[:3]])


def sign_in(server, email):
    status, body = call(server.base, "POST", "/v6/work/authenticate", {"emailAddress": email, "password": PASSWORD})
    if status != 200 or not isinstance(body, dict) or not body.get("idToken"):
        raise SystemExit(f"fuzz: could not sign in as {email}: {status} {body}")
    return body["idToken"]


# --------------------------------------------------------------------------------------------
# Test data: real identifiers for the path parameters, so that operations on a work, a permit or
# a comment get past 404 and their responses are checked too.


def journey_dates():
    """Proposed start ~22 working days ahead on a Monday (never an early start), end 2 days later."""
    day = dt.datetime.now(dt.timezone.utc).date()
    remaining = 22
    while remaining:
        day += dt.timedelta(days=1)
        remaining -= day.weekday() < 5
    while day.weekday() != 0:
        day += dt.timedelta(days=1)
    start = dt.datetime(day.year, day.month, day.day, 8, tzinfo=dt.timezone.utc)
    return start, start + dt.timedelta(days=2, hours=9)


def test_data(server, planner_token, officer_token=None):
    """Creates a work with its first permit, a comment, ancillary information and a forward plan as
    the planner, and Anytown's fee matrix, a failed inspection of the work and a sample inspection
    target as its officer; uploads evidence files as both and issues an FPN with one as its officer.

    Returns ({path parameter: [values]}, [problems]); a problem is counted as a failure.
    """
    start, end = journey_dates()
    values = {
        "organisationReference": ["7001", "1001"],
        "workstreamPrefix": ["000", "001"],
        "usrn": [10010001, 10020001],
        "email": [email for _, email, _ in USERS],
    }
    problems = []
    status, body = call(server.base, "POST", "/v6/work/works", {
        "promoter_swa_code": "7001", "highway_authority_swa_code": "1001", "workstream_prefix": "001",
        "usrn": 10010001,
        "works_coordinates": {"type": "LineString", "coordinates": [[451000, 201000], [451050, 201020]]},
        "work_type": "planned", "is_ttro_required": False,
        "proposed_start_date": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "proposed_end_date": end.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "description_of_work": "Replace a leaking valve (fuzz run)", "works_location_description": "Outside number 12",
        "activity_type": "utility_repair_and_maintenance_works", "traffic_management_type": "road_closure",
        "application_type": "permit", "location_types": ["carriageway"], "close_footway": "no", "close_footpath": "no",
        "excavation": True, "traffic_management_plan": False, "lane_rental_applicable": False,
        "collaborative_working": False, "others_can_collaborate_on_work": False,
        "reason_for_non_collaboration": "Small job", "secondary_contact": "Sam Second",
        "secondary_contact_number": "07000 000000",
    }, planner_token)
    if status != 201 or not isinstance(body, dict):
        problems.append(f"test data: POST /v6/work/works answered {status}: {clip(str(body), 300)}")
        return values, problems
    wrn = body["work_reference_number"]
    prn = body["permit_reference_number"]
    values["workReferenceNumber"] = [wrn]
    values["permitReferenceNumber"] = [prn]
    status, body = call(server.base, "POST", f"/v6/work/works/{wrn}/comments",
                        {"detail": "Fuzz run comment", "topic": "GENERAL"}, planner_token)
    if status == 201 and isinstance(body, dict):
        values["commentReferenceNumber"] = [body["comment_reference_number"]]
    else:
        problems.append(f"test data: POST /v6/work/works/{wrn}/comments answered {status}: {clip(str(body), 300)}")
    # Ancillary information on the permit (R-PERMIT-24).
    status, body = call(server.base, "POST", f"/v6/work/works/{wrn}/permits/{prn}/ancillary-informations", {
        "ancillary_info_type": "site_welfare_facilities", "ancillary_info_description": "Welfare van (fuzz run)",
        "location_description": "Lay-by", "usrns": [10010001],
        "ancillary_info_coordinates": [{"type": "Point", "coordinates": [451020, 201010]}],
    }, planner_token)
    if status == 201 and isinstance(body, dict):
        values["ancillaryInformationReferenceNumber"] = [body["ancillary_info_reference_number"]]
    else:
        problems.append(f"test data: POST …/ancillary-informations answered {status}: {clip(str(body), 300)}")
    # A forward plan, on a works record of its own (R-FP-05).
    status, body = call(server.base, "POST", "/v6/work/forward-plans", {
        "promoter_swa_code": "7001", "highway_authority_swa_code": "1001", "workstream_prefix": "001",
        "usrn": 10010001,
        "works_coordinates": {"type": "LineString", "coordinates": [[451000, 201000], [451050, 201020]]},
        "start_date": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "end_date": end.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "description_of_work": "Renew the main (fuzz run)", "works_location_description": "High Street",
    }, planner_token)
    if status == 201 and isinstance(body, dict):
        values["workReferenceNumber"].append(body["work_reference_number"])
        values["forwardPlanReferenceNumber"] = [body["forward_plan_reference_number"]]
    else:
        problems.append(f"test data: POST /v6/work/forward-plans answered {status}: {clip(str(body), 300)}")
    # A fee matrix for Anytown (R-FEE-01), so that GET /fee-matrix/1001 answers one.
    if officer_token:
        kinds = ["major_paa_fee", "major_work_permit_fee", "standard_works_permit_fee", "minor_works_permit_fee",
                 "immediate_works_permit_fee", "permit_variation_fee"]
        fields = [f"{k}_traffic_sensitive" for k in kinds] + [f"{k}_non_traffic_sensitive" for k in kinds]
        matrix = {field: 10.0 + index for index, field in enumerate(fields)}
        matrix.update({"discount_guidance": "Fuzz run", "charge_band_one_cost": 250.0,
                       "charge_band_one_description": "Peak"})
        status, body = call(server.base, "PUT", "/v6/work/fee-matrix/1001", matrix, officer_token)
        if status != 204:
            problems.append(f"test data: PUT /v6/work/fee-matrix/1001 answered {status}: {clip(str(body), 300)}")
        # A failed inspection of the work with a reinspection, which raises a non-compliance (R-INSP, R-NC).
        inspected = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)
        status, body = call(server.base, "POST", f"/v6/work/works/{wrn}/inspections", {
            "inspection_type": "live_site", "inspection_category": "a", "inspection_outcome": "failed_high",
            "inspection_start_date": inspected.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "failure_reason_details": [{"failure_reason": "live_site_signage", "details": "No signs (fuzz run)"}],
            "was_call_logged": False, "defect_fixed_on_site": "no", "inspection_evidence": False,
            "username": "ha.officer@anytown.example",
            "reinspection_date": (start - dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }, officer_token)
        if status == 201 and isinstance(body, dict):
            values["inspectionReferenceNumber"] = [body["inspection_reference_number"]]
            values["nonComplianceReferenceNumber"] = [body["non_compliance_reference_number"]]
        else:
            problems.append(f"test data: POST /v6/work/works/{wrn}/inspections answered {status}: {clip(str(body), 300)}")
        # A sample inspection target of Anytown for Anytown Water (R-SAMP-02), so that the
        # sampling operations on a target reach a real one.
        status, body = call(server.base, "POST", "/v6/sampling/sample-inspection-targets", {
            "promoter_org_ref": "7001", "inspection_units_baseline": 400, "inspection_rate": 50,
            "target_a": 2, "target_b": 1, "target_c": 1,
        }, officer_token)
        if status == 201 and isinstance(body, dict):
            values["sampleInspectionTargetReferenceNumber"] = [body["sample_inspection_target_reference_number"]]
        else:
            problems.append(
                f"test data: POST /v6/sampling/sample-inspection-targets answered {status}: {clip(str(body), 300)}")
    # Evidence files (D-FILES): one uploaded by each side and left unattached, one attached to the
    # works record, and an FPN with a photo as evidence (R-FPN-04).
    values["fileId"] = []
    for token in [planner_token, officer_token]:
        if not token:
            continue
        for _ in range(2):
            status, body = upload(server.base, token, "evidence.png", PNG)
            if status == 201 and isinstance(body, dict):
                values["fileId"].append(int(body["file_id"]))
            else:
                problems.append(f"test data: POST /v6/work/files answered {status}: {clip(str(body), 300)}")
    if len(values["fileId"]) >= 2:
        status, body = call(server.base, "POST", f"/v6/work/works/{wrn}/files",
                            {"file_ids": [values["fileId"][1]]}, planner_token)
        if status != 201:
            problems.append(f"test data: POST /v6/work/works/{wrn}/files answered {status}: {clip(str(body), 300)}")
    if officer_token and len(values["fileId"]) >= 4:
        offence = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
        status, body = call(server.base, "POST", f"/v6/work/works/{wrn}/fixed-penalty-notices", {
            "fpn_evidence": True, "file_ids": [values["fileId"][3]], "offence_date": offence,
            "offence_code": "offence_code_05", "offence_details": "No permit displayed (fuzz run)",
            "authorised_officer": "A Officer", "officer_contact_details": "01234 567890",
            "officer_address": "Town Hall, Anytown", "representations_contact": "Streetworks team",
            "representations_contact_address": "Town Hall, Anytown", "payment_methods": ["card_payment"],
            "permit_reference_number": prn,
        }, officer_token)
        if status == 201 and isinstance(body, dict):
            values["fpnReferenceNumber"] = [body["fpn_reference_number"]]
        else:
            problems.append(f"test data: POST …/fixed-penalty-notices answered {status}: {clip(str(body), 300)}")
    if not values["fileId"]:
        del values["fileId"]
    return values, problems


# A 1×1 PNG: a file of a kind the service keeps (D-FILES).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082")


def upload(base, token, name, content, timeout=30):
    """POST /v6/work/files with one file part, as a client's multipart/form-data."""
    boundary = "fuzz" + os.urandom(8).hex()
    data = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: image/png\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/v6/work/files", data=data, method="POST")
    request.add_header("content-type", f"multipart/form-data; boundary={boundary}")
    request.add_header("token", token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw, status = response.read(), response.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode("utf-8", "replace")


def write_config(path, values):
    """A schemathesis.toml binding each path parameter to a dictionary of real values."""
    lines = []
    for name, entries in values.items():
        lines += [f"[dictionaries.{name}]", "values = [" + ", ".join(json.dumps(v) for v in entries) + "]", ""]
    lines.append("[parameters]")
    for name in values:
        lines.append(f'"path.{name}" = {{ dictionary = "{name}", probability = {DICTIONARY_PROBABILITY} }}')
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


# --------------------------------------------------------------------------------------------
# Documents and built operations


def load_document(server, api, directory):
    status, document = call(server.base, "GET", f"/v6/{api}/openapi.json")
    if status != 200 or not isinstance(document, dict) or "paths" not in document:
        raise SystemExit(f"fuzz: GET /v6/{api}/openapi.json answered {status}")
    path = os.path.join(directory, f"{api}.json")
    with open(path, "w") as handle:
        json.dump(document, handle)
    servers = document.get("servers") or [{"url": f"/v6/{api}"}]
    # The documents name a relative server URL (/v6/<api>); point it at this server.
    server_path = urllib.parse.urlsplit(servers[0]["url"]).path.rstrip("/") or f"/v6/{api}"
    return document, path, server.base + server_path


def operations(document):
    for template, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS and isinstance(operation, dict):
                yield method, template, operation


def is_built(base_url, method, template):
    """Probes an operation without a token: an unbuilt one answers 501 "Not implemented"."""
    path = re.sub(r"\{[^}]+\}", "1", template)
    body = {} if method in ("post", "put", "patch") else None
    status, answer = call(base_url, method.upper(), path, body)
    unbuilt = status == 501 and isinstance(answer, dict) and answer.get("message") == "Not implemented"
    return not unbuilt


# --------------------------------------------------------------------------------------------
# schemathesis


def run_schemathesis(schemathesis, config, args, document_path, base_url, token, excluded, out_dir, label):
    ndjson = os.path.join(out_dir, f"{label}.ndjson")
    output = os.path.join(out_dir, f"{label}.log")
    command = [
        schemathesis, "--config-file", config, "run", document_path,
        "--url", base_url,
        "--header", f"token: {token}",
        "--checks", CHECKS,
        "--seed", str(args.seed),
        "--max-examples", str(args.max_examples),
        "--workers", str(args.workers),
        "--generation-database", "none",  # nothing replayed from earlier runs: same seed, same cases
        "--generation-with-security-parameters", "false",  # every request carries the user's token
        "--request-timeout", "20",
        "--report", "ndjson", "--report-ndjson-path", ndjson,
        "--no-color",
    ]
    for operation_id in excluded:
        command += ["--exclude-operation-id", operation_id]
    started = time.monotonic()
    with open(output, "wb") as out:
        try:
            completed = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       cwd=out_dir, timeout=args.run_timeout)
            code = completed.returncode
        except subprocess.TimeoutExpired:
            code = None
    return code, time.monotonic() - started, ndjson, output


def decode_body(payload):
    if payload is None:
        return None
    if isinstance(payload, dict) and "$base64" in payload:
        return base64.b64decode(payload["$base64"])
    if isinstance(payload, str):
        return payload.encode()
    return json.dumps(payload).encode()


def curl_for(request, server_base, token_variable):
    parts = ["curl", "-i", "-X", request["method"]]
    for name, values in (request.get("headers") or {}).items():
        if name.lower() in DROP_HEADERS:
            continue
        for value in values if isinstance(values, list) else [values]:
            if name.lower() == "token":
                parts += ["-H", f'"token: ${token_variable}"']
            else:
                parts += ["-H", shlex.quote(f"{name}: {value}")]
    body = decode_body(request.get("body"))
    if body is not None:
        text = body.decode("utf-8", "replace")
        if text.encode("utf-8") == body and all(ch.isprintable() for ch in text):
            parts += ["--data-raw", shlex.quote(text)]
        else:  # control characters or bytes that are not UTF-8: pass them through base64
            parts += ["--data-binary", f"@<(echo {base64.b64encode(body).decode()} | base64 -d)"]
    uri = request["uri"]
    if uri.startswith(server_base):
        parts.append('"$BASE"' + shlex.quote(uri[len(server_base):]))
    else:
        parts.append(shlex.quote(uri))
    return " ".join(parts)


def clip(text, limit):
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + " …"


def parse_report(ndjson, api, user, server_base, token_variable):
    """What a schemathesis NDJSON report says: failing checks, errors, and which operations ran."""
    report = {"failures": [], "errors": [], "tested": set(), "fuzzed": set(), "in_flight": set(), "cases": 0,
              "statuses": {}}
    if not os.path.isfile(ndjson):
        return report
    with open(ndjson) as handle:
        for line in handle:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            (kind, data), = event.items()
            if kind == "ScenarioFinished":
                recorder = data.get("recorder") or {}
                label = recorder.get("label")
                interactions = recorder.get("interactions") or {}
                if label and interactions:
                    report["tested"].add(label)
                if label and data.get("phase") == "fuzzing" and data.get("status") != "error":
                    report["fuzzed"].add(label)
                report["cases"] += len(interactions)
                for interaction in interactions.values():
                    request, response = interaction.get("request") or {}, interaction.get("response") or {}
                    # Skip the coverage phase's requests with other methods (TRACE, PATCH ...) on the path.
                    if label and response.get("status_code") and label.split(" ")[0] == request.get("method"):
                        report["statuses"].setdefault(label, set()).add(response["status_code"])
                for case_id, checks in (recorder.get("checks") or {}).items():
                    for check in checks:
                        if check.get("status") != "failure":
                            continue
                        failure = (check.get("failure_info") or {}).get("failure") or {}
                        interaction = interactions.get(case_id) or {}
                        request = interaction.get("request")
                        response = interaction.get("response") or {}
                        body = decode_body(response.get("content")) or b""
                        case = ((recorder.get("cases") or {}).get(case_id) or {}).get("value") or {}
                        phase = (case.get("meta") or {}).get("phase") or {}
                        report["failures"].append({
                            "api": api, "user": user, "operation": failure.get("operation") or label,
                            "check": check.get("name"), "title": failure.get("title") or failure.get("type"),
                            "code": failure.get("code"), "message": failure.get("message") or "",
                            "status": response.get("status_code"),
                            "response": body.decode("utf-8", "replace"),
                            "curl": curl_for(request, server_base, token_variable) if request else "(no request recorded)",
                            "scenario": (phase.get("data") or {}).get("description") or phase.get("name") or "",
                            "phase": data.get("phase"),
                        })
            elif kind in ("NonFatalError", "FatalError"):
                value = data.get("value") or data.get("exception") or data.get("info") or {}
                if isinstance(value, dict) and "message" in value:
                    detail = f"{value.get('type', kind)}: {value['message']}"
                else:
                    detail = json.dumps(value, ensure_ascii=False)
                label = data.get("label") or "(run)"
                if isinstance(value, dict) and value.get("type") in ("ConnectionError", "ReadTimeout", "Timeout"):
                    report["in_flight"].add(label)
                report["errors"].append({"api": api, "user": user, "operation": label,
                                         "detail": clip(detail.replace("[Filtered]", f"${token_variable}"), 3000)})
    return report


def group_failures(failures):
    """Distinct failures: same API, operation, check, failure title and response status."""
    groups = {}
    for failure in failures:
        key = (failure["api"], failure["operation"], failure["check"], failure["title"], failure["status"])
        group = groups.setdefault(key, {"users": [], "count": 0, "example": failure, "messages": []})
        group["count"] += 1
        if failure["user"] not in group["users"]:
            group["users"].append(failure["user"])
        if len(failure["curl"]) < len(group["example"]["curl"]):
            group["example"] = failure
        first = failure["message"].strip().splitlines()[0] if failure["message"].strip() else ""
        if first and first not in group["messages"]:
            group["messages"].append(first)
    return groups


# --------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/street-manager"))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--max-examples", type=int, default=DEFAULT_MAX_EXAMPLES,
                        help="schemathesis --max-examples: generated cases per operation and phase")
    parser.add_argument("--workers", type=int, default=1, help="schemathesis --workers")
    parser.add_argument("--api", action="append", choices=APIS, help="only this API (repeatable)")
    parser.add_argument("--user", action="append", choices=[label for label, _, _ in USERS],
                        help="only this user (repeatable)")
    parser.add_argument("--operation", action="append", metavar="OPERATION_ID",
                        help="only this built operation (repeatable); the others are excluded like unbuilt ones")
    parser.add_argument("--run-timeout", type=int, default=600, help="seconds one schemathesis run may take")
    parser.add_argument("--keep", action="store_true", help="keep the data dir, the server logs and the reports")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"fuzz: no executable at {args.binary}")

    # Stop (server, schemathesis, temporary files) on any of these, even where SIGINT was ignored.
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: sys.exit(128 + signum))

    schemathesis = ensure_venv()
    work_dir = tempfile.mkdtemp(prefix="sm-fuzz-")
    try:
        code = fuzz(args, schemathesis, work_dir)
    finally:
        if args.keep:
            log(f"fuzz: kept {work_dir}")
        else:
            shutil.rmtree(work_dir, ignore_errors=True)
    sys.exit(code)


def fuzz(args, schemathesis, work_dir):
    """The whole run; returns the exit status."""
    version = subprocess.run([schemathesis, "--version"], capture_output=True, text=True).stdout.strip()
    data_dir = os.path.join(work_dir, "data")
    report_dir = os.path.join(work_dir, "reports")
    os.makedirs(data_dir)
    os.makedirs(report_dir)
    database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
    log(f"fuzz: {version}; {database}; seed {args.seed}; max-examples {args.max_examples}; checks {CHECKS}")
    started = time.monotonic()
    server = Server(os.path.abspath(args.binary), data_dir, work_dir)
    users = [user for user in USERS if not args.user or user[0] in args.user]
    all_failures, all_errors, crashes, runs = [], [], [], []
    # (api, "METHOD /path") -> explicitly documented statuses / statuses seen / operationId
    documented, observed, operation_ids = {}, {}, {}
    tested_pairs = set()
    try:
        server.start()
        log(f"fuzz: server on {server.base} (work dir {work_dir})")
        tokens = {label: sign_in(server, email) for label, email, _ in users}
        values, problems = test_data(server, tokens.get("planner") or sign_in(server, USERS[0][1]),
                                     tokens.get("ha-officer") or sign_in(server, USERS[1][1]))
        for problem in problems:
            all_errors.append({"api": "work", "user": "planner", "operation": "(test data)", "detail": problem})
            log(f"fuzz: {problem}")
        config = os.path.join(work_dir, "schemathesis.toml")
        write_config(config, values)
        log("fuzz: test data: " + ", ".join(f"{name}={'/'.join(map(str, v))}" for name, v in values.items()))

        plans = []  # (api, document path, base URL, built operations, excluded operationIds)
        for api in args.api or APIS:
            document, path, base_url = load_document(server, api, report_dir)
            built, excluded = {}, []  # built: "METHOD /path" -> operationId
            for method, template, operation in operations(document):
                operation_id = operation.get("operationId")
                if not operation_id:
                    raise SystemExit(f"fuzz: {api}: {method.upper()} {template} has no operationId")
                if args.operation and operation_id not in args.operation:
                    excluded.append(operation_id)
                elif is_built(base_url, method, template):
                    built[f"{method.upper()} {template}"] = operation_id
                    documented[(api, f"{method.upper()} {template}")] = sorted(
                        code for code in (operation.get("responses") or {}) if code != "default")
                else:
                    excluded.append(operation_id)
            log(f"fuzz: {api}: {len(built)} built, {len(excluded)} "
                + ("unbuilt or not asked for" if args.operation else "unbuilt") + " (excluded by operationId)")
            operation_ids.update({(api, op): operation_id for op, operation_id in built.items()})
            if built:
                plans.append((api, path, base_url, built, excluded))

        for label, _, token_variable in users:
            for api, path, base_url, built, excluded in plans:
                # After a crash the rest of that schemathesis run is lost: start the server again
                # and run the operations it had not fuzzed yet, without the one that crashed it.
                done, skip, attempt = set(), set(), 0
                while True:
                    attempt += 1
                    name = f"{label}-{api}" + (f"-{attempt}" if attempt > 1 else "")
                    todo = [op for op in built if op not in done and op not in skip]
                    exclude = excluded + [built[op] for op in built if op not in todo]
                    code, elapsed, ndjson, output = run_schemathesis(
                        schemathesis, config, args, path, base_url, tokens[label], exclude, report_dir, name)
                    report = parse_report(ndjson, api, label, server.base, token_variable)
                    failures, errors = report["failures"], report["errors"]
                    for operation, codes in report["statuses"].items():
                        observed.setdefault((api, operation), set()).update(codes)
                    all_failures += failures
                    tested_pairs.update((label, api, op) for op in todo)
                    runs.append((name, elapsed))
                    down = server.alive()
                    if code is None:
                        errors.append({"api": api, "user": label, "operation": "(run)",
                                       "detail": f"schemathesis did not finish within {args.run_timeout} s"})
                    elif code != 0 and not failures and not errors and not down:
                        with open(output, "rb") as handle:
                            tail = handle.read().decode("utf-8", "replace").splitlines()[-30:]
                        errors.append({"api": api, "user": label, "operation": "(run)",
                                       "detail": f"schemathesis exited with {code}:\n" + "\n".join(tail)})
                    all_errors += errors
                    verdict = "ok" if code == 0 and not failures and not errors and not down else "FAILED"
                    fuzzed = report["fuzzed"] & set(todo)
                    log(f"fuzz: {label:<10} {api:<9} {len(fuzzed):>2}/{len(todo):<2} operations fuzzed, "
                        f"{report['cases']:>5} requests, {len(failures):>3} failing checks, {len(errors)} errors, "
                        f"{elapsed:6.1f} s  {verdict}" + (f" (attempt {attempt})" if attempt > 1 else ""))
                    if not down:
                        break
                    crashed = sorted(report["in_flight"] & set(todo))
                    crashes.append({"when": f"during {label} {api}", "why": down,
                                    "summary": server.crash_summary(), "log": server.log_path,
                                    "operations": crashed})
                    log(f"fuzz: CRASH during {label} {api} ({', '.join(crashed) or 'operation unknown'}): {down}; "
                        "restarting the server")
                    server.stop()
                    server.start()
                    tokens = {user: sign_in(server, email) for user, email, _ in users}
                    done |= fuzzed
                    skip |= set(crashed)
                    left = [op for op in built if op not in done and op not in skip]
                    if not crashed or not left or attempt >= 5:
                        if left:
                            all_errors.append({"api": api, "user": label, "operation": "(run)",
                                               "detail": "not fuzzed because of the crash(es): " + ", ".join(left)})
                        break
        down = server.alive()
        if down:
            crashes.append({"when": "at the end", "why": down, "summary": server.crash_summary(),
                            "log": server.log_path, "operations": []})
    finally:
        server.stop()
    total = time.monotonic() - started

    # ---------------------------------------------------------------------------------------
    groups = group_failures(all_failures)
    handler_errors = server.handler_errors()
    # Not failures: every operation has a `default` response, so status_code_conformance accepts any
    # status. Listed so that the contract can document the statuses the server really answers.
    undocumented = []
    for key in sorted(observed):
        explicit = documented.get(key, [])
        extra = sorted(code for code in observed[key] if not any(
            str(code) == c or (len(c) == 3 and c.upper().endswith("XX") and str(code)[0] == c[0]) for c in explicit))
        if extra:
            undocumented.append(f"  {key[0]:<9} {key[1]}: {', '.join(map(str, extra))} (documents {', '.join(explicit) or 'none'})")
    if undocumented:
        log()
        log("INFO (not failures): statuses answered that an operation documents only through its `default` response:")
        for line in undocumented:
            log(line)
    # One verdict per (user, API, operation) that ran; errors outside an operation and crashes
    # that no operation was blamed for count once each.
    failed_units = {(f["user"], f["api"], f["operation"]) for f in all_failures}
    failed_units |= {(e["user"], e["api"], e["operation"]) for e in all_errors}
    passed = len(tested_pairs - failed_units)
    failed = len(failed_units & tested_pairs)
    failed += sum(1 for e in all_errors if (e["user"], e["api"], e["operation"]) not in tested_pairs
                  and e["operation"] != "Server")
    failed += sum(1 for crash in crashes if not crash["operations"])
    log()
    log(f"fuzz: {len(runs)} schemathesis runs in {total:.1f} s (" +
        ", ".join(f"{name} {elapsed:.1f}" for name, elapsed in runs) + ")")
    if groups or all_errors or crashes:
        log()
        log("=" * 100)
        log(f"FAILURES. To reproduce, set BASE=http://127.0.0.1:<port> of a server started as this script does, and "
            f"PLANNER_TOKEN / HA_OFFICER_TOKEN to the idToken of POST /v6/work/authenticate (this run: {server.base})")
    for number, ((api, operation, check, title, status), group) in enumerate(sorted(groups.items(), key=str), 1):
        example = group["example"]
        log("-" * 100)
        log(f"{number}. {api} {operation}  [{check}]  {title}  -> HTTP {status}")
        log(f"   users: {', '.join(group['users'])}; {group['count']} failing case(s); e.g. {example['scenario']}")
        for message in group["messages"][:5]:
            log(f"   message: {clip(message, 300)}")
        detail = [line for line in example["message"].strip().splitlines()[1:] if line.strip()]
        if detail:
            log("   detail: " + clip(" ".join(line.strip() for line in detail), 800))
        log(f"   response: {clip(example['response'], 400)}")
        logged = handler_errors.get(operation_ids.get((api, operation), ""))
        if logged and isinstance(status, int) and status >= 500:
            log(f"   server log: {clip(logged, 500)}")
        log(f"   reproduce: {example['curl']}")
    for crash in crashes:
        log("-" * 100)
        log(f"CRASH {crash['when']}: {crash['why']}" +
            (f"; operation(s) in flight: {', '.join(crash['operations'])}" if crash["operations"] else ""))
        for line in crash["summary"].splitlines():
            log(f"   {line}")
        log("   the requests just before it are in the ERROR ... Server entry below")
    for error in all_errors:
        log("-" * 100)
        log(f"ERROR {error['api']} {error['operation']} ({error['user']}): {error['detail']}")
    log()
    log(f"fuzz: {len(groups)} distinct failures, {len(all_errors)} errors, {len(crashes)} crashes; "
        f"server {'alive' if not crashes or crashes[-1]['when'] != 'at the end' else 'DOWN'} at the end; {total:.1f} s")
    log(f"fuzz: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    main()
