#!/usr/bin/env python3
"""Static checks of deploy/: renders each kustomize overlay (kubectl kustomize, offline) and checks every document
and the references between them; checks the compose file, the Prometheus config and the Grafana dashboard; checks the
services' image definitions (Jib in the poms: verify_images.py) against both.

    python3 deploy/verify.py            # needs python3 + PyYAML and kubectl (or kustomize) on the PATH

Nothing is applied or started. Exit status 1 on any problem; the last line is "N passed, N failed".
"""
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

from verify_images import check_images

HERE = os.path.dirname(os.path.abspath(__file__))
OVERLAYS = {"dev": "freshet-dev", "prod": "freshet"}
SERVICES = ["ingest-service", "embed-service", "index-service", "query-service"]
# The consumer groups and topics in the code (freshet-contract Topics, *Properties.consumerGroup defaults).
GROUPS = {"ingest-service": ("ingest-service", None),  # no topic: .changes and .replay (a model change's)
          "embed-service": ("embed-service", "freshet.documents.extracted"),
          "index-service": ("index-service", None)}  # no topic: .embedded and .status, all of the group's topics
# The listener concurrency setting of each consumer stage (its ConfigMap key; absent = 1).
CONCURRENCY = {"embed-service": "FRESHET_EMBED_LISTENERCONCURRENCY", "index-service": "FRESHET_INDEX_CONCURRENCY"}
# Actuator port of each service (application.yml / ServiceStack.standardPorts).
ACTUATOR = {"ingest-service": 8181, "embed-service": 8082, "index-service": 8083, "query-service": 8180}
CLUSTER_SCOPED = {"Namespace"}

passed, failed = 0, 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)


def matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def render(path):
    if shutil.which("kubectl"):
        cmd = ["kubectl", "kustomize", path]
    else:
        cmd = ["kustomize", "build", path]
    out = subprocess.run(cmd, capture_output=True, text=True)
    check(out.returncode == 0, f"{' '.join(cmd)}: {out.stderr.strip()}")
    return [d for d in yaml.safe_load_all(out.stdout) if d] if out.returncode == 0 else []


def check_overlay(name, namespace):
    docs = render(os.path.join(HERE, "k8s", "overlays", name))
    where = f"[{name}]"
    by_kind = {}
    for d in docs:
        ident = f"{where} {d.get('kind')}/{d.get('metadata', {}).get('name')}"
        check(bool(d.get("apiVersion")) and bool(d.get("kind")) and bool(d.get("metadata", {}).get("name")),
              f"{ident}: apiVersion, kind and metadata.name")
        if d.get("kind") not in CLUSTER_SCOPED:
            check(d["metadata"].get("namespace") == namespace, f"{ident}: namespace {namespace}")
        by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    check(namespace in by_kind.get("Namespace", {}), f"{where} Namespace {namespace} rendered")

    configmaps = by_kind.get("ConfigMap", {})
    common = next((c["data"] for n, c in configmaps.items() if n.startswith("freshet-common")), {})
    partitions = int(common.get("FRESHET_KAFKA_PARTITIONS", "0"))
    check(partitions > 0, f"{where} FRESHET_KAFKA_PARTITIONS in freshet-common")
    secrets = by_kind.get("Secret", {})
    deployments = by_kind.get("Deployment", {})
    check(sorted(deployments) == sorted(SERVICES), f"{where} Deployments are the four services: {sorted(deployments)}")
    referenced_secrets = set()

    for dname, dep in deployments.items():
        ident = f"{where} Deployment/{dname}"
        spec = dep["spec"]
        tmpl = spec["template"]
        labels = tmpl["metadata"].get("labels", {})
        check(matches(spec["selector"]["matchLabels"], labels), f"{ident}: selector matches the pod labels")
        check("replicas" not in spec, f"{ident}: no replicas (the autoscaler owns them)")
        pod = tmpl["spec"]
        psc = pod.get("securityContext", {})
        check(psc.get("runAsNonRoot") is True and psc.get("runAsUser", 0) > 0, f"{ident}: runs as non-root")
        check(psc.get("seccompProfile", {}).get("type") == "RuntimeDefault", f"{ident}: seccomp RuntimeDefault")
        check(pod.get("automountServiceAccountToken") is False, f"{ident}: no service account token")
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        containers = pod["containers"]
        check(len(containers) == 1, f"{ident}: one container")
        c = containers[0]
        csc = c.get("securityContext", {})
        check(csc.get("readOnlyRootFilesystem") is True and csc.get("allowPrivilegeEscalation") is False
              and csc.get("capabilities", {}).get("drop") == ["ALL"], f"{ident}: read-only root, no escalation, no caps")
        mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
        check("/tmp" in mounts and "emptyDir" in volumes.get(mounts["/tmp"], {}), f"{ident}: /tmp is an emptyDir")
        for m in c.get("volumeMounts", []):
            check(m["name"] in volumes, f"{ident}: volumeMount {m['name']} has a volume")
        for v in volumes.values():
            if "secret" in v:
                referenced_secrets.add((v["secret"]["secretName"], False))
        ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
        check(ACTUATOR[dname] in ports.values(), f"{ident}: actuator port {ACTUATOR[dname]} declared")
        ann = tmpl["metadata"].get("annotations", {})
        check(ann.get("prometheus.io/port") == str(ACTUATOR[dname]) and ann.get("prometheus.io/path") == "/actuator/prometheus",
              f"{ident}: prometheus.io annotations name the actuator")
        for probe, path in (("startupProbe", "/actuator/health/liveness"), ("livenessProbe", "/actuator/health/liveness"),
                            ("readinessProbe", "/actuator/health/readiness")):
            p = c.get(probe, {}).get("httpGet", {})
            check(p.get("path") == path, f"{ident}: {probe} on {path}")
            check(ports.get(p.get("port")) == ACTUATOR[dname], f"{ident}: {probe} on the actuator port")
        res = c.get("resources", {})
        check(res.get("requests", {}).get("memory") == res.get("limits", {}).get("memory") is not None,
              f"{ident}: memory request = limit")
        check(bool(res.get("requests", {}).get("cpu")), f"{ident}: cpu request (the HPA and the scheduler need it)")
        env = {e["name"]: e for e in c.get("env", [])}
        jto = env.get("JAVA_TOOL_OPTIONS", {}).get("value", "")
        check("-XX:MaxRAMPercentage=" in jto and "-Xmx" not in jto, f"{ident}: heap from MaxRAMPercentage")
        for e in c.get("env", []):
            ref = e.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                referenced_secrets.add((ref["name"], bool(ref.get("optional"))))
            for var in re.findall(r"\$\(([A-Z0-9_]+)\)", e.get("value", "")):
                names = [x["name"] for x in c["env"]]
                check(var in names[:names.index(e["name"])], f"{ident}: $({var}) defined before {e['name']}")
        cm_env = {}
        for ef in c.get("envFrom", []):
            cm = ef.get("configMapRef", {}).get("name")
            check(cm in configmaps, f"{ident}: envFrom ConfigMap {cm} rendered")
            cm_env.update(configmaps.get(cm, {}).get("data", {}))
        check(cm_env.get("SERVER_ADDRESS") == "0.0.0.0", f"{ident}: SERVER_ADDRESS=0.0.0.0")
        if ACTUATOR[dname] not in (8082, 8083):
            check(cm_env.get("MANAGEMENT_SERVER_ADDRESS") == "0.0.0.0", f"{ident}: MANAGEMENT_SERVER_ADDRESS=0.0.0.0")
        check(cm_env.get("MANAGEMENT_METRICS_TAGS_APPLICATION") == dname, f"{ident}: metrics tag application={dname}")
        dep["_env"] = cm_env

    for sname, svc in by_kind.get("Service", {}).items():
        targets = [d for d in deployments.values() if matches(svc["spec"]["selector"], d["spec"]["template"]["metadata"]["labels"])]
        check(len(targets) == 1, f"{where} Service/{sname}: selects exactly one Deployment ({len(targets)})")
        for t in targets:
            names = {p["name"] for p in t["spec"]["template"]["spec"]["containers"][0]["ports"]}
            for p in svc["spec"]["ports"]:
                check(p["targetPort"] in names, f"{where} Service/{sname}: targetPort {p['targetPort']} is a container port")

    for pname, pdb in by_kind.get("PodDisruptionBudget", {}).items():
        targets = [d for d in deployments.values() if matches(pdb["spec"]["selector"]["matchLabels"], d["spec"]["template"]["metadata"]["labels"])]
        check(len(targets) == 1, f"{where} PodDisruptionBudget/{pname}: selects exactly one Deployment")
    check(sorted(by_kind.get("PodDisruptionBudget", {})) == sorted(SERVICES), f"{where} a PDB per service")

    scaled = {}
    for hname, hpa in by_kind.get("HorizontalPodAutoscaler", {}).items():
        ref = hpa["spec"]["scaleTargetRef"]
        check(hpa["apiVersion"] == "autoscaling/v2", f"{where} HPA/{hname}: autoscaling/v2")
        check(ref["kind"] == "Deployment" and ref["name"] in deployments, f"{where} HPA/{hname}: targets a Deployment")
        check(hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"], f"{where} HPA/{hname}: min <= max")
        check(any(m.get("resource", {}).get("name") == "cpu" for m in hpa["spec"]["metrics"]), f"{where} HPA/{hname}: on CPU")
        scaled.setdefault(ref["name"], []).append(f"HPA/{hname}")
    auths = by_kind.get("TriggerAuthentication", {})
    for ta in auths.values():
        for ref in ta["spec"].get("secretTargetRef", []):
            referenced_secrets.add((ref["name"], False))
    for oname, so in by_kind.get("ScaledObject", {}).items():
        ident = f"{where} ScaledObject/{oname}"
        target = so["spec"]["scaleTargetRef"]["name"]
        check(so["apiVersion"] == "keda.sh/v1alpha1", f"{ident}: keda.sh/v1alpha1")
        check(target in deployments, f"{ident}: targets Deployment {target}")
        scaled.setdefault(target, []).append(f"ScaledObject/{oname}")
        concurrency = int(deployments.get(target, {}).get("_env", {}).get(CONCURRENCY.get(target, ""), "1"))
        mx = so["spec"]["maxReplicaCount"]
        check(1 <= so["spec"]["minReplicaCount"] <= mx, f"{ident}: 1 <= minReplicaCount <= maxReplicaCount")
        check(mx * concurrency <= partitions,
              f"{ident}: maxReplicaCount {mx} x listener concurrency {concurrency} <= {partitions} partitions")
        for trig in so["spec"]["triggers"]:
            md = trig["metadata"]
            check(trig["type"] == "kafka", f"{ident}: kafka trigger")
            check(md.get("bootstrapServers") == common.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"),
                  f"{ident}: bootstrapServers = SPRING_KAFKA_BOOTSTRAP_SERVERS ({md.get('bootstrapServers')})")
            group, topic = GROUPS.get(target, (None, None))
            check(md.get("consumerGroup") == group, f"{ident}: consumer group {group}")
            check(md.get("topic") == topic, f"{ident}: topic {topic}")
            check(int(md.get("lagThreshold", "0")) > 0 and md.get("allowIdleConsumers") == "false",
                  f"{ident}: lagThreshold set, no idle consumers")
            check(all(isinstance(v, str) for v in md.values()), f"{ident}: metadata values are strings")
            check(trig.get("authenticationRef", {}).get("name") in auths, f"{ident}: authenticationRef exists")
    for dname in deployments:
        check(len(scaled.get(dname, [])) == 1, f"{where} Deployment/{dname}: exactly one autoscaler {scaled.get(dname)}")

    policies = by_kind.get("NetworkPolicy", {})
    check("default-deny" in policies and policies["default-deny"]["spec"]["podSelector"] == {}
          and sorted(policies["default-deny"]["spec"]["policyTypes"]) == ["Egress", "Ingress"], f"{where} default deny")
    for npname, np in policies.items():
        sel = np["spec"]["podSelector"].get("matchLabels", {})
        if npname == "default-deny":
            continue
        selected = [d for d in deployments.values() if matches(sel, d["spec"]["template"]["metadata"]["labels"])]
        check(len(selected) >= 1, f"{where} NetworkPolicy/{npname}: selects pods")
        for rule in np["spec"].get("ingress", []):
            for p in rule.get("ports", []):
                for d in selected:
                    ports = [x["containerPort"] for x in d["spec"]["template"]["spec"]["containers"][0]["ports"]]
                    check(p["port"] in ports, f"{where} NetworkPolicy/{npname}: ingress port {p['port']} is a container port")
    for dname, dep in deployments.items():
        own = [np for np in policies.values() if np["spec"]["podSelector"].get("matchLabels") == {"app.kubernetes.io/name": dname}]
        check(len(own) == 1, f"{where} Deployment/{dname}: its own NetworkPolicy")
        if own:
            ingress_ports = {p["port"] for r in own[0]["spec"].get("ingress", []) for p in r.get("ports", [])}
            check(ACTUATOR[dname] in ingress_ports, f"{where} NetworkPolicy/{dname}: Prometheus may scrape {ACTUATOR[dname]}")
            check(len(own[0]["spec"].get("egress", [])) >= 1, f"{where} NetworkPolicy/{dname}: egress rules")
        dns = [np for n, np in policies.items() if n == "allow-dns" and matches(np["spec"]["podSelector"]["matchLabels"], dep["spec"]["template"]["metadata"]["labels"])]
        check(len(dns) == 1, f"{where} Deployment/{dname}: DNS egress allowed")

    external = sorted({n for n, optional in referenced_secrets if n not in secrets})
    required_missing = sorted({n for n, optional in referenced_secrets if n not in secrets and not optional})
    if name == "dev":
        check(not required_missing, f"{where} every required Secret is generated: missing {required_missing}")
    print(f"{where} {len(docs)} documents; Secrets to create outside git: {', '.join(external) or 'none'}")
    return deployments


def check_compose_connect(base, svcs):
    """The Connect worker: the broker's release, the plugin the build makes on its plugin.path, the connectors' converters."""
    c = svcs.get("connect", {})
    check(c.get("image") == svcs["kafka"]["image"], "[compose] connect runs the broker's Kafka release")
    mounts = {v.split(":")[1]: v.split(":")[0] for v in c.get("volumes", [])}
    props_file = next((src for dst, src in mounts.items() if dst.endswith(".properties")), None)
    check(props_file is not None and os.path.isfile(os.path.join(base, props_file)), "[compose] connect's worker properties exist")
    props = {}
    for line in open(os.path.join(base, props_file or "missing")) if props_file else []:
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            k, v = line.split("=", 1)
            props[k.strip()] = v.strip()
    check(mounts.get(props.get("plugin.path")) == "../../freshet-connectors/target/plugin",
          "[compose] connect's plugin.path is the mounted freshet-connectors/target/plugin")
    for key in ("key.converter", "value.converter"):
        check(props.get(key) == "org.apache.kafka.connect.storage.StringConverter", f"[compose] connect {key} is StringConverter")
    check(int(props.get("producer.max.request.size", "0")) >= 16 * 1024 * 1024, "[compose] connect may send a 16 MiB event")
    check(props.get("bootstrap.servers") == svcs["ingest-service"]["environment"].get("SPRING_KAFKA_BOOTSTRAP_SERVERS",
          "kafka:19092"), "[compose] connect uses the services' broker address")
    check(all(p.startswith("127.0.0.1:") for p in c.get("ports", [])), "[compose] connect publishes on 127.0.0.1 only")


def check_compose():
    base = os.path.join(HERE, "compose")
    d = yaml.safe_load(open(os.path.join(base, "docker-compose.yml")))
    svcs = d["services"]
    for name, s in svcs.items():
        for dep, cond in s.get("depends_on", {}).items():
            check(dep in svcs, f"[compose] {name} depends on {dep}, which exists")
            if cond.get("condition") == "service_healthy":
                check("healthcheck" in svcs.get(dep, {}), f"[compose] {dep} has a healthcheck ({name} waits for it)")
    for name in SERVICES:
        s = svcs.get(name, {})
        env = s.get("environment", {})
        check(env.get("SERVER_ADDRESS") == "0.0.0.0", f"[compose] {name} binds 0.0.0.0")
        check(env.get("MANAGEMENT_METRICS_TAGS_APPLICATION") == name, f"[compose] {name} metrics tag")
        hc = " ".join(s.get("healthcheck", {}).get("test", []))
        check(f"127.0.0.1:{ACTUATOR[name]}/actuator/health" in hc, f"[compose] {name} health check on its actuator port")
        check(any(p.endswith(f":{ACTUATOR[name]}") for p in s.get("ports", [])), f"[compose] {name} publishes its actuator")
        check(all(p.startswith("127.0.0.1:") for p in s.get("ports", [])), f"[compose] {name} publishes on 127.0.0.1 only")
    check(svcs["kafka"]["image"].startswith("apache/kafka:4."), "[compose] apache/kafka 4.x")
    check(svcs["kafka"]["environment"].get("KAFKA_PROCESS_ROLES") == "broker,controller", "[compose] Kafka in KRaft mode")
    check(svcs["opensearch"]["image"].startswith("opensearchproject/opensearch:3."), "[compose] opensearch 3.x")
    check_compose_connect(base, svcs)
    prom = yaml.safe_load(open(os.path.join(base, "prometheus", "prometheus.yml")))
    jobs = {j["job_name"]: j for j in prom["scrape_configs"]}
    for name in SERVICES:
        j = jobs.get(name, {})
        check(j.get("metrics_path") == "/actuator/prometheus"
              and j.get("static_configs", [{}])[0].get("targets") == [f"{name}:{ACTUATOR[name]}"],
              f"[compose] Prometheus scrapes {name}:{ACTUATOR[name]}/actuator/prometheus")
    ds = yaml.safe_load(open(os.path.join(base, "grafana", "provisioning", "datasources", "prometheus.yml")))
    uid = ds["datasources"][0]["uid"]
    dash = json.load(open(os.path.join(base, "grafana", "dashboards", "freshet-pipeline.json")))
    exprs = []
    for p in dash["panels"]:
        if p["type"] == "row":
            continue
        check(p.get("datasource", {}).get("uid") == uid, f"[grafana] panel '{p['title']}' uses datasource {uid}")
        exprs += [t["expr"] for t in p.get("targets", [])]
    used = sorted(set(re.findall(r"\b((?:freshet|kafka|http|spring)_[a-z0-9_]+)\b", " ".join(exprs))))
    readme = open(os.path.join(HERE, "README.md")).read()
    for m in used:
        base_name = re.sub(r"_(bucket|count|sum|max)$", "", m)
        check(base_name in readme, f"[grafana] metric {m} is listed in deploy/README.md")
    print(f"[grafana] metrics used: {', '.join(used)}")
    return svcs


if __name__ == "__main__":
    rendered = {overlay: check_overlay(overlay, ns) for overlay, ns in OVERLAYS.items()}
    compose = check_compose()
    version = check_images(check, os.path.dirname(HERE), SERVICES, ACTUATOR, rendered, compose)
    print(f"[image] Jib configuration of {', '.join(SERVICES)} checked; tag {version} (the Maven version)")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
