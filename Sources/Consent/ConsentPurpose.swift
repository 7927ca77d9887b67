/// The purposes a consent record speaks about (the feed's `purposes` keys).
package enum ConsentPurpose: String, CaseIterable, Comparable, Sendable {
    case analytics, advertising, personalization
    case saleShare = "sale_share"
    case marketing

    package static func < (a: ConsentPurpose, b: ConsentPurpose) -> Bool { a.rawValue < b.rawValue }
}

/// What a record (or an in-band signal) says about one purpose.
package enum PurposeDecision: String, Equatable, Sendable {
    case granted, denied, unknown
}

/// A purpose decision and where it came from (`feed`, `tcf`, `gpp.usnat`, `usp`, `gpc`, ...).
package struct PurposeState: Equatable, Sendable {
    package var decision: PurposeDecision
    package var origin: String

    package init(_ decision: PurposeDecision, origin: String) {
        self.decision = decision
        self.origin = origin
    }

    package static let unknown = PurposeState(.unknown, origin: "none")
}

/// The legal regime a subject is judged under: `opt_in` (consent needed before processing, e.g.
/// GDPR/ePrivacy) or `opt_out` (allowed until the person objects, e.g. CCPA sale/share).
package enum ConsentRegime: String, Equatable, Sendable {
    case optIn = "opt_in"
    case optOut = "opt_out"
}
