package org.linuxfpsync.cmgr.shell;

import java.io.PrintStream;

/** One thing {@code cmgrd:show} can show: its manual-layout text and its JSON form. */
interface ShowSubject {

    /** The word after {@code show}, as in the manual ({@code interfaces}). */
    String name();

    /** The manual's one-line help ({@code show interfaces}: "show registered interfaces"). */
    String help();

    void printText(PrintStream out);

    /** A tree of maps, lists and scalars, printed as JSON. */
    Object json();
}
