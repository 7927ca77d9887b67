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
