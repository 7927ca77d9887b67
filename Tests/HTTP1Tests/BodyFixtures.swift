// Generated once with Python 3 (gzip, zlib, brotli, zstandard); committed as base64.
// plain = {"email_hash":"x","event":"Purchase","value":19.99} (51 bytes, no personal data).
import Foundation

enum BodyFixtures {
    static let plain = Array(#"{"email_hash":"x","event":"Purchase","value":19.99}"#.utf8)
    /// 67 bytes
    static let gzip = bytes("H4sIAAAAAAACA6tWSs1NzMyJz0gszlCyUqpQ0lFKLUvNKwGyA0qLkoHCqUChssSc0lQlK0NLPUvLWgC2F3oZMwAAAA==")
    /// 49 bytes
    static let rawDeflate = bytes("q1ZKzU3MzInPSCzOULJSqlDSUUotS80rAbIDSouSgcKpQKGyxJzSVCUrQ0s9S8taAA==")
    /// 55 bytes
    static let zlib = bytes("eJyrVkrNTczMic9ILM5QslKqUNJRSi1LzSsBsgNKi5KBwqlAobLEnNJUJStDSz1Ly1oAuYAQWg==")
    /// 55 bytes
    static let brotli = bytes("CxmAeyJlbWFpbF9oYXNoIjoieCIsImV2ZW50IjoiUHVyY2hhc2UiLCJ2YWx1ZSI6MTkuOTl9Aw==")
    /// 60 bytes
    static let zstd = bytes("KLUv/SAzmQEAeyJlbWFpbF9oYXNoIjoieCIsImV2ZW50IjoiUHVyY2hhc2UiLCJ2YWx1ZSI6MTkuOTl9")
    /// 102 bytes
    static let brotliBomb64MiB = bytes("y///PwAkAOKxQHLv//j//weABEAcFoDu/R////8AkACIwwLQvf/j//8fABIAcVgAuvd//P//A0ACIA4LQPf+j///fwBIAMRhAeje//H//w8ACYA4LADd+z/+//8BIAEQhwWge/83")

    static func bytes(_ base64: String) -> [UInt8] { [UInt8](Data(base64Encoded: base64)!) }
}
