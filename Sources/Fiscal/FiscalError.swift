import ResgateLocale

/// Input the check cannot use: the command exits 2 and nothing is reported as checked.
/// The catalogue's `FiscalErrorPhrase` is the error itself (one type for the fact and its
/// words): each case names the file and, where it applies, the line, table, record and field.
public typealias FiscalError = FiscalErrorPhrase
