"""The services' image definitions (Jib, in the poms), checked against the manifests and compose by deploy/verify.py.

The effective Jib configuration of a service is read from the poms themselves, without Maven: the parent pom's
pluginManagement merged with the service's own plugin configuration (the child wins, element by element, as Maven
merges), properties and ${project.*} resolved. A list (ports, jvmFlags ...) stated in both is reported: Maven would
merge it position by position, which nobody means.
"""
import os
import re
import xml.etree.ElementTree as ET

import yaml

POM_NS = "{http://maven.apache.org/POM/4.0.0}"
JIB = ("com.google.cloud.tools", "jib-maven-plugin")
# Jib parameters that are lists of values (each child one item), not maps.
LISTS = {"ports", "tags", "jvmFlags", "args", "volumes", "entrypoint", "platforms", "paths", "permissions"}
HEAP_FLAGS = re.compile(r"-Xm[sx]|-XX:(Max|Initial|Min)RAMPercentage|-XX:(Max|Initial)HeapSize")
# A pinned, Ubuntu-based Temurin JRE (it has the curl compose's health checks run): a full version, optionally a digest.
BASE = re.compile(r"eclipse-temurin:\d+\.\d+\.\d+_\d+-jre(-(noble|jammy))?(@sha256:[0-9a-f]{64})?")


def _name(el):
    return el.tag.replace(POM_NS, "")


def _child(el, path):
    for part in path.split("/"):
        el = None if el is None else el.find(POM_NS + part)
    return el


def _value(el):
    """A configuration element as a map (named children), a list (LISTS) or its text."""
    kids = list(el)
    if _name(el) in LISTS:
        return [_value(k) for k in kids] if kids else [v.strip() for v in (el.text or "").split(",") if v.strip()]
    if not kids:
        return (el.text or "").strip()
    return {_name(k): _value(k) for k in kids}


def _merge(parent, child, where, conflicts):
    if isinstance(parent, dict) and isinstance(child, dict):
        merged = dict(parent)
        for key, value in child.items():
            merged[key] = _merge(parent[key], value, f"{where}/{key}", conflicts) if key in parent else value
        return merged
    if isinstance(parent, list) and isinstance(child, list):
        conflicts.append(where)
    return child


def _resolve(value, props):
    if isinstance(value, dict):
        return {k: _resolve(v, props) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, props) for v in value]
    for _ in range(5):  # properties naming properties
        value = re.sub(r"\$\{([^}]+)\}", lambda m: props.get(m.group(1), m.group(0)), value)
    return value


def _props(pom):
    el = _child(pom, "properties")
    return {} if el is None else {_name(p): (p.text or "").strip() for p in el}


def _jib(plugins_el):
    for p in [] if plugins_el is None else plugins_el:
        if (_child(p, "groupId").text, _child(p, "artifactId").text) == JIB:
            return p
    return None


class Poms:
    """The root pom and the services' poms of the repository at root."""

    def __init__(self, root):
        self.root = root
        self.parent = ET.parse(os.path.join(root, "pom.xml")).getroot()
        self.version = _child(self.parent, "version").text
        self.managed = _jib(_child(self.parent, "build/pluginManagement/plugins"))

    def jib(self, service):
        """(effective configuration, declared in the service, plugin version, list conflicts)."""
        pom = ET.parse(os.path.join(self.root, service, "pom.xml")).getroot()
        own = _jib(_child(pom, "build/plugins"))
        conflicts = []
        config = {}
        for plugin in (self.managed, own):
            cfg = _child(plugin, "configuration")
            if cfg is not None:
                config = _merge(config, _value(cfg), "configuration", conflicts)
        props = {**_props(self.parent), **_props(pom), "project.version": self.version,
                 "project.artifactId": _child(pom, "artifactId").text}
        version = _child(self.managed, "version") if self.managed is not None else None
        return _resolve(config, props), own is not None, None if version is None else version.text, conflicts

    def java_release(self):
        return _props(self.parent).get("java.version")


def _management_port(root, service):
    """management.server.port in the service's application.yml (None: the actuator is on the server port)."""
    with open(os.path.join(root, service, "src", "main", "resources", "application.yml")) as f:
        for doc in yaml.safe_load_all(f):
            port = ((doc or {}).get("management") or {}).get("server", {}).get("port")
            if port:
                return int(port)
    return None


def _jto_percentage(options):
    m = re.search(r"-XX:MaxRAMPercentage=([0-9.]+)", options or "")
    return float(m.group(1)) if m else None


def check_images(check, root, services, actuator, overlays, compose):
    """overlays: {"dev"|"prod": {service: rendered Deployment with "_env"}}; compose: the compose services."""
    poms = Poms(root)
    version = poms.version
    release = version.removesuffix("-SNAPSHOT")
    for svc in services:
        where = f"[image] {svc}"
        cfg, declared, plugin_version, conflicts = poms.jib(svc)
        check(declared, f"{where}: declares jib-maven-plugin in its pom")
        check(plugin_version == "3.5.2", f"{where}: jib-maven-plugin version pinned in pluginManagement ({plugin_version})")
        check(not conflicts, f"{where}: no list stated in both the parent and the service pom {conflicts}")
        container = cfg.get("container", {})
        base = cfg.get("from", {}).get("image", "")
        m = BASE.fullmatch(base)
        check(m is not None, f"{where}: base image pinned to a full Temurin JRE version ({base!r})")
        major = re.match(r"[^:@]+:(\d+)", base)
        check(major is not None and major.group(1) == poms.java_release(),
              f"{where}: base image runs Java {poms.java_release()}, the compiler's release")
        to = cfg.get("to", {}).get("image")
        check(to == f"freshet/{svc}:{version}", f"{where}: image freshet/{svc}:{version} ({to})")

        user = str(container.get("user", ""))
        uid, _, gid = user.partition(":")
        check(uid.isdigit() and int(uid) > 0 and gid.isdigit(), f"{where}: numeric non-root user uid:gid ({user!r})")
        check(not container.get("entrypoint"), f"{where}: Jib's java entrypoint (an entrypoint ignores mainClass)")
        heap = [f for f in container.get("jvmFlags", []) if HEAP_FLAGS.search(f)]
        check(not heap, f"{where}: no heap flags in jvmFlags (they would override JAVA_TOOL_OPTIONS): {heap}")
        check(container.get("creationTime", "EPOCH") != "USE_CURRENT_TIMESTAMP"
              and container.get("filesModificationTime", "EPOCH_PLUS_SECOND") != "USE_CURRENT_TIMESTAMP"
              and str(container.get("useCurrentTimestamp", "false")) == "false",
              f"{where}: reproducible (no current timestamps)")

        main = container.get("mainClass", "")
        source = os.path.join(root, svc, "src", "main", "java", *main.split(".")) + ".java"
        text = open(source).read() if re.fullmatch(r"[\w.]+", main) and os.path.isfile(source) else ""
        check("@SpringBootApplication" in text and "static void main(" in text,
              f"{where}: mainClass {main!r} is the service's @SpringBootApplication with a main method")

        env = container.get("environment", {})
        jto = env.get("JAVA_TOOL_OPTIONS", "")
        check(_jto_percentage(jto) is not None and not re.search(r"-Xm[sx]|HeapSize", jto),
              f"{where}: JAVA_TOOL_OPTIONS sizes the heap by MaxRAMPercentage, no -Xmx ({jto!r})")
        check(env.get("SERVER_ADDRESS") == "0.0.0.0", f"{where}: SERVER_ADDRESS=0.0.0.0")
        own_port = _management_port(root, svc)
        if own_port:
            check(env.get("MANAGEMENT_SERVER_ADDRESS") == "0.0.0.0" and own_port == actuator[svc],
                  f"{where}: MANAGEMENT_SERVER_ADDRESS=0.0.0.0 for its actuator port {own_port}")
        else:
            check("MANAGEMENT_SERVER_ADDRESS" not in env,
                  f"{where}: no MANAGEMENT_SERVER_ADDRESS (no actuator port of its own: Spring Boot refuses to start)")
        check(env.get("OPT_OUT_TRACKING") == "true", f"{where}: OPT_OUT_TRACKING=true")
        for key in ("DJL_CACHE_DIR", "HOME"):
            check(env.get(key, "").startswith("/tmp"), f"{where}: {key} under /tmp, the writable mount ({env.get(key)})")
        ports = {int(str(p).split("/")[0]) for p in container.get("ports", [])}
        check(actuator[svc] in ports, f"{where}: exposes its actuator port {actuator[svc]}")

        for overlay, deployments in overlays.items():
            dep = deployments.get(svc)
            if dep is None:
                continue
            ow = f"{where} vs [{overlay}]"
            pod = dep["spec"]["template"]["spec"]
            c = pod["containers"][0]
            expected = f"freshet/{svc}:{version}" if overlay == "dev" else f"/freshet/{svc}:{release}"
            check(c["image"] == expected if overlay == "dev" else c["image"].endswith(expected),
                  f"{ow}: Deployment image {c['image']} (dev: what ./freshet images builds; prod: the release {release})")
            check({p["containerPort"] for p in c.get("ports", [])} == ports,
                  f"{ow}: container ports = the image's {sorted(ports)}")
            sc = pod.get("securityContext", {})
            check((str(sc.get("runAsUser")), str(sc.get("runAsGroup"))) == (uid, gid), f"{ow}: runAsUser:runAsGroup = {user}")
            k8s_env = {**dep.get("_env", {}), **{e["name"]: e.get("value") for e in c.get("env", []) if "value" in e}}
            for key, value in env.items():
                if key == "JAVA_TOOL_OPTIONS":
                    check(_jto_percentage(k8s_env.get(key)) == _jto_percentage(value),
                          f"{ow}: MaxRAMPercentage as the image's ({_jto_percentage(k8s_env.get(key))})")
                elif key in k8s_env:
                    check(k8s_env[key] == value, f"{ow}: {key}={k8s_env[key]!r}, the image says {value!r}")

        s = compose.get(svc, {})
        check(s.get("image") == f"freshet/{svc}:${{FRESHET_VERSION:-{version}}}", f"{where} vs [compose]: image tag {version}")
        check(s.get("user") == user, f"{where} vs [compose]: user {user}")
        published = {int(p.rsplit(":", 1)[1]) for p in s.get("ports", [])}
        check(published <= ports, f"{where} vs [compose]: published ports {sorted(published)} are exposed by the image")
        check(any(t.startswith("/tmp:") for t in s.get("tmpfs", [])), f"{where} vs [compose]: /tmp is a tmpfs")
        for key, value in env.items():
            if key != "JAVA_TOOL_OPTIONS" and key in s.get("environment", {}):
                check(str(s["environment"][key]) == value, f"{where} vs [compose]: {key} as the image's ({value!r})")
    return version
