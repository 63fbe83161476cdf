package org.cdimail.example.eml;

/** Reads the broken {@link BccDroppingEmlBackend}, exactly as {@link EmlInspector} reads the good one. */
public class BrokenEmlInspector extends EmlInspector {

    @Override
    public String backend() {
        return "eml-without-bcc";
    }
}
