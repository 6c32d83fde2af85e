import Foundation
import ResgateLocale

/// Why a cloud operation failed: the catalogue's `CloudPhrase` is the error itself (one type
/// for the fact and its words; `Portuguese+Cloud`, `English+Cloud`). Every case means nothing
/// partial was used or left in place of a set.
public typealias CloudError = CloudPhrase
