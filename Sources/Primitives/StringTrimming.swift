extension String {
    /// The text without leading and trailing whitespace characters (`Character.isWhitespace`:
    /// spaces, tabs, newlines, Unicode spaces). Text whose ends are visible ASCII is returned as is
    /// without walking its characters (the usual case on hot paths).
    @inlinable
    public func trimmingWhitespaceCharacters() -> String {
        if let f = utf8.first, let l = utf8.last, f > 32, f < 0x80, l > 32, l < 0x80 { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

extension UInt8 {
    /// The byte with ASCII `A`-`Z` lowered to `a`-`z`; every other byte as it is (protocol tokens,
    /// header names, DNS labels: never Unicode case mapping).
    @inlinable
    public var asciiLowercased: UInt8 { self &- 0x41 < 26 ? self | 0x20 : self }
}
