package io.tracker.deploy.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The objects of one render, with small helpers to walk them. */
final class Rendered {

    final String name;
    final List<Map<String, Object>> objects;

    Rendered(String name, List<Map<String, Object>> objects) {
        this.name = name;
        this.objects = Collections.unmodifiableList(objects);
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.get("kind")) && name.equals(Y.name(o)))
                .findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseGet(() -> {
            fail("[" + this.name + "] no " + kind + " named " + name + " in the render; present: " + names(kind));
            return null;
        });
    }

    List<String> names(String kind) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> o : ofKind(kind)) {
            names.add(Y.name(o));
        }
        return names;
    }

    String namespace() {
        List<Map<String, Object>> ns = ofKind("Namespace");
        if (ns.size() != 1) {
            fail("[" + name + "] expected exactly one Namespace, found " + names("Namespace"));
        }
        return Y.name(ns.get(0));
    }

    /** The Deployment's single application container. */
    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Object> containers = Y.list(deployment, "spec", "template", "spec", "containers");
        if (containers.size() != 1) {
            fail(Y.name(deployment) + ": expected one container, found " + containers.size());
        }
        return Y.asMap(containers.get(0));
    }
}
