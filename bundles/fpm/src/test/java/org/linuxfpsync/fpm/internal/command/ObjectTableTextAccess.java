package org.linuxfpsync.fpm.internal.command;

import java.io.PrintStream;
import java.util.List;

import org.linuxfpsync.fpm.FpmInterface;
import org.linuxfpsync.fpm.FpmObject;

/** Lets tests of the internal package print a table as {@code fpm:show} does. */
public final class ObjectTableTextAccess {
    private ObjectTableTextAccess() {
    }

    public static void print(List<FpmObject> objects, List<FpmInterface> interfaces, PrintStream out) {
        ObjectTableText.print(objects, interfaces, out);
    }
}
