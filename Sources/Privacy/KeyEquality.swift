/// `==` of two Strings, inlined for the recognisers' commonest question: is this token's key that literal word?
///
/// The library's `==` compares the two Strings' bits in place and, when they differ, calls a function to tell
/// whether they are still equal (a String compare was a twelfth of a scan: most keys are not the word asked about,
/// so nearly every compare made the call). A token key and a literal of up to 15 ASCII bytes are both *small*
/// Strings: their bytes sit in the String's own 16 bytes, zero-padded, with a tag in the top bits. Two small ASCII
/// Strings are equal exactly when their 16 bytes are, which is the test the library's function makes first; so
/// that case is answered here without the call, and every other case (non-ASCII, longer, heap-stored) still goes
/// to `==`, canonical equivalence included. `KeyEqualityTests` checks the layout this relies on.
extension String {
    /// A String of up to 15 ASCII bytes, held in place: `equals` answers it without the library's call.
    @inline(__always) var isSmallASCII: Bool {
        // The top three bits of a small ASCII String's second word: immortal, ASCII, small (the library's
        // `_StringObject` layout on 64-bit platforms).
        unsafeBitCast(self, to: (UInt64, UInt64).self).1 >> 61 == 0b111
    }

    /// `self == word`, without the library's call when both are small ASCII Strings and differ.
    @inline(__always) func equals(_ word: String) -> Bool {
        let a = unsafeBitCast(self, to: (UInt64, UInt64).self)
        let b = unsafeBitCast(word, to: (UInt64, UInt64).self)
        if a == b { return true }
        if isSmallASCII && word.isSmallASCII { return false }
        return self == word
    }

    /// `words.contains(self)`, each word asked with `equals` (a list of literal words asked of every token made the
    /// library's call once for each word it was not).
    @inline(__always) func isOne(of words: [String]) -> Bool {
        for w in words where equals(w) { return true }
        return false
    }
}
