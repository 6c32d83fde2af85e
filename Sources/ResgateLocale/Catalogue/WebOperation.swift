/// An operation the web screen starts, by its API kind (ResgateWeb's `OperationCenter`
/// `kind`, the JSON's id); worded in `Portuguese+Web.swift` / `English+Web.swift`.
public enum WebOperation: String, Sendable, Hashable, CaseIterable {
    case verify, compare, preview, restore, undo, check
}
