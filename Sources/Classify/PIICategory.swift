/// The personal-data taxonomy of the corpus and of `analyze` output (`none` = not personal).
package enum PIICategory: String, Sendable, CaseIterable {
    case email
    case email_sha256
    case phone
    case phone_sha256
    case name_first
    case name_last
    case name_full
    case street_address
    case city
    case postal_code
    case region
    case country
    case date_of_birth
    case gender
    case ip_address
    case user_agent
    case user_id
    case device_id
    case cookie_id
    case click_id
    case geolocation
    case credit_card
    case iban
    case national_id
    case none

    /// True for every category but `none`.
    package var isPersonal: Bool { self != .none }
}

/// The digest a hashed value appears to be (hex or base64 encoded).
package enum HashKind: String, Sendable {
    case sha256
    case sha1
    case md5
}

/// The verdict on one field: a category, a confidence in 0...1 and the hash the value carries, if any.
package struct Classification: Sendable, Equatable {
    package var category: PIICategory
    package var confidence: Double
    package var hashed: HashKind?

    package init(category: PIICategory, confidence: Double, hashed: HashKind? = nil) {
        self.category = category
        self.confidence = min(1, max(0, confidence))
        self.hashed = hashed
    }

    package static let notPersonal = Classification(category: .none, confidence: 0.9)
}
