/// One identifier of a person, as found in the consent feed or in a forwarded payload.
///
/// Values may be raw (an e-mail address) or already hashed (64 hex digits of SHA-256); see
/// `IdentifierKeys` for how both are turned into lookup keys. The description never shows the raw
/// value (privacy): only the kind and a short hash prefix.
package struct SubjectIdentifier: Hashable, Sendable, CustomStringConvertible {
    package enum Kind: String, CaseIterable, Sendable {
        case userId = "user_id"
        case email
        case emailSHA256 = "email_sha256"
        case phone
        case phoneSHA256 = "phone_sha256"
        case gaClientId = "ga_client_id"
        case anonymousId = "anonymous_id"
        case fbp
        case deviceId = "device_id"
        case externalId = "external_id"
    }

    package var kind: Kind
    package var value: String

    package init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    package var description: String {
        "\(kind.rawValue):" + String(SHA256Hex.digest(value).prefix(12))
    }
}
