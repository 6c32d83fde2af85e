import ResgateLocale

/// What is wrong with a broken XML file: a fact of the catalogue (`ResgateLocale.XMLFault`,
/// told in `Portuguese+XML` / `English+XML`), named here as the reader knows it.
public typealias XMLDefect = XMLFault
