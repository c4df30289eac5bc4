package org.linuxfpsync.fpm.internal.command;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.linuxfpsync.console.JsonCommand.JsonBody;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;
import org.linuxfpsync.fpm.internal.ObjectJson;

/**
 * {@code fpm:show <table> --json}: {@code {"<table>": [rows]}}, the table's name in snake_case.
 * An object is written as the dump writes the tables iproute2 has no JSON for ({@link ObjectJson}:
 * ifuids as "0x..." followed by the interface's name, secrets as their length only); an interface
 * with the columns of the text table, absent values left out.
 */
final class ShowJson {
    private ShowJson() {
    }

    static JsonBody objects(String table, List<FpmObject> objects, List<FpmInterface> interfaces) {
        Map<Long, String> names = names(interfaces);
        return g -> {
            g.writeStartObject();
            g.writeArrayFieldStart(ObjectJson.fieldName(table));
            for (FpmObject o : objects) {
                ObjectJson.write(g, o, names::get);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        };
    }

    static JsonBody interfaces(List<FpmInterface> interfaces) {
        Map<Long, String> names = names(interfaces);
        return g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("interfaces");
            for (FpmInterface i : interfaces) {
                g.writeStartObject();
                g.writeNumberField("vrfid", Integer.toUnsignedLong(i.vrfid()));
                g.writeNumberField("ifindex", Integer.toUnsignedLong(i.ifindex()));
                g.writeStringField("ifname", i.ifname());
                g.writeStringField("ifuid", i.ifuidHex());
                g.writeNumberField("type", i.type());
                g.writeNumberField("subtype", i.subtype());
                g.writeNumberField("flags", Integer.toUnsignedLong(i.flags()));
                g.writeNumberField("mtu", Integer.toUnsignedLong(i.mtu()));
                if (!i.macHex().isEmpty()) {
                    g.writeStringField("mac", i.macHex());
                }
                if (i.masterIfuid() != 0) {
                    g.writeStringField("master_ifuid", "0x" + Long.toHexString(i.masterIfuid()));
                    String master = names.get(i.masterIfuid());
                    if (master != null) {
                        g.writeStringField("master_ifname", master);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        };
    }

    private static Map<Long, String> names(List<FpmInterface> interfaces) {
        Map<Long, String> names = new HashMap<>();
        for (FpmInterface i : interfaces) {
            names.put(i.ifuid(), i.ifname());
        }
        return names;
    }
}
