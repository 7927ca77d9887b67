/// The digest a hashed value appears to be (hex or base64 encoded).
package enum HashKind: String, Sendable {
    case sha256
    case sha1
    case md5
}
