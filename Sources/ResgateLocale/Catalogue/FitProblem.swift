/// Why a backup value cannot go into the live field unchanged (a restore converts a value
/// to the live field's type only when nothing is lost). The words are in
/// `English+Defects.swift` / `Portuguese+Defects.swift` (`RestoreFault.doesNotFitLiveField`).
public enum FitProblem: Sendable, Hashable {
    case cannotBecomeText(ValueClass)
    case charactersDoNotFit(count: Int, room: Int)
    case notANumber(FitValue)
    /// `value`: the number as written.
    case tooManyDecimals(value: String, decimals: Int)
    case tooWide(value: String, room: Int)
    case notInt32(FitValue)
    case notCurrency(FitValue)
    /// A date-time with a time of day going into a date field; `value`: ISO text.
    case hasTimeOfDay(value: String)
    case notADate(ValueClass)
    case notADateTime(ValueClass)
    case notALogical(ValueClass)
}

/// A value as a `FitProblem` shows it: its text (a string quoted), a blank number, or only
/// its kind.
public enum FitValue: Sendable, Hashable {
    case shown(String)
    case blank
    case kind(ValueClass)
}
