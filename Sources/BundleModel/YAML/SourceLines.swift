extension StringProtocol {
    /// The text's lines, ended by LF or CRLF, without their ends. (A Swift string holds "\r\n" as one
    /// character, which `split(separator: "\n")` does not see: a file saved with Windows line ends was
    /// one line, and what was found in it was said on line 1 at a column far to the right.)
    public var sourceLines: [SubSequence] {
        split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }
}
