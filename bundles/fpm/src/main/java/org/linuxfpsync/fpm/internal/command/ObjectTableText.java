package org.linuxfpsync.fpm.internal.command;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.apache.karaf.shell.support.table.ShellTable;
import org.linuxfpsync.fpm.FpmBytes;
import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;
import org.linuxfpsync.fpm.internal.LinkFormat;

/**
 * A table of objects as text: a vrfid column, then one column per TLV that some row holds, in the
 * table's TLV order. Ifuids show the interface's name when the FPM knows it, and secrets (IPsec
 * keys) only their length, as {@link FpmBytes#toString()} guarantees.
 */
final class ObjectTableText {
    private ObjectTableText() {
    }

    static void print(List<FpmObject> objects, List<FpmInterface> interfaces, PrintStream out) {
        Map<Long, String> names = new HashMap<>();
        for (FpmInterface i : interfaces) {
            names.put(i.ifuid(), i.ifname());
        }
        Set<String> columns = new LinkedHashSet<>();
        for (FpmObject o : objects) {
            for (String field : o.fields().keySet()) {
                if (!field.equals("VRFID")) {
                    columns.add(field);
                }
            }
        }
        ShellTable t = new ShellTable().emptyTableText("no objects");
        t.column("vrfid").alignRight();
        for (String c : columns) {
            t.column(c.toLowerCase(Locale.ROOT));
        }
        for (FpmObject o : objects) {
            List<Object> row = new ArrayList<>();
            row.add(Integer.toUnsignedString(o.vrfid()));
            for (String c : columns) {
                Object v = o.fields().get(c);
                row.add(v == null ? "-" : text(c, v, names));
            }
            t.addRow().addContent(row);
        }
        t.print(out);
    }

    /** One value on one line. */
    static String text(String field, Object v, Map<Long, String> names) {
        if (v instanceof Long) {
            long n = (Long) v;
            if (field.endsWith("IFUID")) {
                String name = names.get(n);
                return name != null ? name : "0x" + Long.toHexString(n);
            }
            return Long.toUnsignedString(n);
        }
        if (v instanceof InetAddress) {
            return LinkFormat.inet6OrInet4((InetAddress) v);
        }
        if (v instanceof Map) {
            StringJoiner j = new StringJoiner(" ", "{", "}");
            ((Map<?, ?>) v).forEach((k, x) -> j.add(k.toString().toLowerCase(Locale.ROOT) + "="
                    + text(k.toString(), x, names)));
            return j.toString();
        }
        if (v instanceof List) {
            StringJoiner j = new StringJoiner(", ");
            for (Object x : (List<?>) v) {
                j.add(text(field, x, names));
            }
            return j.toString();
        }
        return v.toString(); // strings, and FpmBytes (a secret shows its length only)
    }
}
