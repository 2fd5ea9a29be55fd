"""The characters NFKC may turn into, or join with, a character the personal-data patterns read.

The patterns read digits, ASCII letters, "+", "-", "." and spaces in NFKC form, so that a
full-width ５ or a circled ① is read as the digit it shows. Normalizing a whole report costs
more than all its other text rules together, and a text without any of these characters reads
the same normalized or not: each of its other characters becomes characters the patterns do
not read, and nothing joins a character they do read (only combining marks join, and they are
listed). `tests/test_privacy.py` checks the list against the running Python's Unicode tables;
`python -m validators.rules.nfkc_forms` prints it again as written here: the listed characters
and those this Python's Unicode adds (run it with each supported Python; the list is their union).
"""

from __future__ import annotations

import re
import sys
import unicodedata

from validators.yaml.hidden_characters import compile_ranges, first_of

# Code points and inclusive ranges, hexadecimal, as policy.yaml writes hidden characters.
RANGES = (
    "00A0", "00A8", "00AA", "00AF", "00B2-00B4", "00B8-00BA", "00BC-00BE", "0132-0133", "013F-0140", "0149",
    "017F", "01C4-01CC", "01F1-01F3", "02B0", "02B2-02B3", "02B7-02B8", "02D8-02DD", "02E1-02E3", "0300-036F",
    "037A", "0384-0385", "0483-0489", "0591-05BD", "05BF", "05C1-05C2", "05C4-05C5", "05C7", "0610-061A",
    "064B-065F", "0670", "06D6-06DC", "06DF-06E4", "06E7-06E8", "06EA-06ED", "0711", "0730-074A", "07A6-07B0",
    "07EB-07F3", "07FD", "0816-0819", "081B-0823", "0825-0827", "0829-082D", "0859-085B", "0898-089F",
    "08CA-08E1", "08E3-0903", "093A-093C", "093E-094F", "0951-0957", "0962-0963", "0981-0983", "09BC",
    "09BE-09C4", "09C7-09C8", "09CB-09CD", "09D7", "09E2-09E3", "09FE", "0A01-0A03", "0A3C", "0A3E-0A42",
    "0A47-0A48", "0A4B-0A4D", "0A51", "0A70-0A71", "0A75", "0A81-0A83", "0ABC", "0ABE-0AC5", "0AC7-0AC9",
    "0ACB-0ACD", "0AE2-0AE3", "0AFA-0AFF", "0B01-0B03", "0B3C", "0B3E-0B44", "0B47-0B48", "0B4B-0B4D",
    "0B55-0B57", "0B62-0B63", "0B82", "0BBE-0BC2", "0BC6-0BC8", "0BCA-0BCD", "0BD7", "0C00-0C04", "0C3C",
    "0C3E-0C44", "0C46-0C48", "0C4A-0C4D", "0C55-0C56", "0C62-0C63", "0C81-0C83", "0CBC", "0CBE-0CC4",
    "0CC6-0CC8", "0CCA-0CCD", "0CD5-0CD6", "0CE2-0CE3", "0CF3", "0D00-0D03", "0D3B-0D3C", "0D3E-0D44",
    "0D46-0D48", "0D4A-0D4D", "0D57", "0D62-0D63", "0D81-0D83", "0DCA", "0DCF-0DD4", "0DD6", "0DD8-0DDF",
    "0DF2-0DF3", "0E31", "0E34-0E3A", "0E47-0E4E", "0EB1", "0EB4-0EBC", "0EC8-0ECE", "0F18-0F19", "0F35",
    "0F37", "0F39", "0F3E-0F3F", "0F71-0F84", "0F86-0F87", "0F8D-0F97", "0F99-0FBC", "0FC6", "102B-103E",
    "1056-1059", "105E-1060", "1062-1064", "1067-106D", "1071-1074", "1082-108D", "108F", "109A-109D",
    "135D-135F", "1712-1715", "1732-1734", "1752-1753", "1772-1773", "17B4-17D3", "17DD", "180B-180D", "180F",
    "1885-1886", "18A9", "1920-192B", "1930-193B", "1A17-1A1B", "1A55-1A5E", "1A60-1A7C", "1A7F", "1AB0-1ACE",
    "1B00-1B04", "1B34-1B44", "1B6B-1B73", "1B80-1B82", "1BA1-1BAD", "1BE6-1BF3", "1C24-1C37", "1CD0-1CD2",
    "1CD4-1CE8", "1CED", "1CF4", "1CF7-1CF9", "1D2C", "1D2E", "1D30-1D31", "1D33-1D3A", "1D3C", "1D3E-1D43",
    "1D47-1D49", "1D4D", "1D4F-1D50", "1D52", "1D56-1D58", "1D5B", "1D62-1D65", "1D9C", "1DA0", "1DBB",
    "1DC0-1DFF", "1E9A-1E9B", "1FBD", "1FBF-1FC1", "1FCD-1FCF", "1FDD-1FDF", "1FED-1FEE", "1FFD-1FFE",
    "2000-200A", "2017", "2024-2026", "202F", "203E", "205F", "2070-2071", "2074-207A", "207F-208A",
    "2090-2093", "2095-209C", "20A8", "20D0-20F0", "2100-2103", "2105-2106", "2109-210E", "2110-2113",
    "2115-2116", "2119-211D", "2120-2122", "2124", "2128", "212A-212D", "212F-2131", "2133-2134", "2139",
    "213B", "2145-2149", "2150-217F", "2189", "2460-24EA", "2C7C-2C7D", "2CEF-2CF1", "2D7F", "2DE0-2DFF",
    "3000", "302A-302F", "3099-309C", "3250-325F", "32B1-32CF", "3358-337A", "3380-33FF", "A66F-A672",
    "A674-A67D", "A69E-A69F", "A6F0-A6F1", "A7F2-A7F4", "A802", "A806", "A80B", "A823-A827", "A82C",
    "A880-A881", "A8B4-A8C5", "A8E0-A8F1", "A8FF", "A926-A92D", "A947-A953", "A980-A983", "A9B3-A9C0", "A9E5",
    "AA29-AA36", "AA43", "AA4C-AA4D", "AA7B-AA7D", "AAB0", "AAB2-AAB4", "AAB7-AAB8", "AABE-AABF", "AAC1",
    "AAEB-AAEF", "AAF5-AAF6", "ABE3-ABEA", "ABEC-ABED", "FB00-FB06", "FB1E", "FB29", "FC5E-FC63", "FDFA-FDFB",
    "FE00-FE0F", "FE19", "FE20-FE30", "FE49-FE4C", "FE52", "FE62-FE63", "FE70", "FE72", "FE74", "FE76",
    "FE78", "FE7A", "FE7C", "FE7E", "FF0B", "FF0D-FF0E", "FF10-FF19", "FF21-FF3A", "FF41-FF5A", "FF9E-FF9F",
    "FFE3", "101FD", "102E0", "10376-1037A", "107A5", "10A01-10A03", "10A05-10A06", "10A0C-10A0F",
    "10A38-10A3A", "10A3F", "10AE5-10AE6", "10D24-10D27", "10EAB-10EAC", "10EFD-10EFF", "10F46-10F50",
    "10F82-10F85", "11000-11002", "11038-11046", "11070", "11073-11074", "1107F-11082", "110B0-110BA",
    "110C2", "11100-11102", "11127-11134", "11145-11146", "11173", "11180-11182", "111B3-111C0",
    "111C9-111CC", "111CE-111CF", "1122C-11237", "1123E", "11241", "112DF-112EA", "11300-11303",
    "1133B-1133C", "1133E-11344", "11347-11348", "1134B-1134D", "11357", "11362-11363", "11366-1136C",
    "11370-11374", "11435-11446", "1145E", "114B0-114C3", "115AF-115B5", "115B8-115C0", "115DC-115DD",
    "11630-11640", "116AB-116B7", "1171D-1172B", "1182C-1183A", "11930-11935", "11937-11938", "1193B-1193E",
    "11940", "11942-11943", "119D1-119D7", "119DA-119E0", "119E4", "11A01-11A0A", "11A33-11A39",
    "11A3B-11A3E", "11A47", "11A51-11A5B", "11A8A-11A99", "11C2F-11C36", "11C38-11C3F", "11C92-11CA7",
    "11CA9-11CB6", "11D31-11D36", "11D3A", "11D3C-11D3D", "11D3F-11D45", "11D47", "11D8A-11D8E",
    "11D90-11D91", "11D93-11D97", "11EF3-11EF6", "11F00-11F01", "11F03", "11F34-11F3A", "11F3E-11F42",
    "13440", "13447-13455", "16AF0-16AF4", "16B30-16B36", "16F4F", "16F51-16F87", "16F8F-16F92", "16FE4",
    "16FF0-16FF1", "1BC9D-1BC9E", "1CF00-1CF2D", "1CF30-1CF46", "1D165-1D169", "1D16D-1D172", "1D17B-1D182",
    "1D185-1D18B", "1D1AA-1D1AD", "1D242-1D244", "1D400-1D454", "1D456-1D49C", "1D49E-1D49F", "1D4A2",
    "1D4A5-1D4A6", "1D4A9-1D4AC", "1D4AE-1D4B9", "1D4BB", "1D4BD-1D4C3", "1D4C5-1D505", "1D507-1D50A",
    "1D50D-1D514", "1D516-1D51C", "1D51E-1D539", "1D53B-1D53E", "1D540-1D544", "1D546", "1D54A-1D550",
    "1D552-1D6A3", "1D7CE-1D7FF", "1DA00-1DA36", "1DA3B-1DA6C", "1DA75", "1DA84", "1DA9B-1DA9F",
    "1DAA1-1DAAF", "1E000-1E006", "1E008-1E018", "1E01B-1E021", "1E023-1E024", "1E026-1E02A", "1E08F",
    "1E130-1E136", "1E2AE", "1E2EC-1E2EF", "1E4EC-1E4EF", "1E8D0-1E8D6", "1E944-1E94A", "1F100-1F10A",
    "1F110-1F12E", "1F130-1F14F", "1F16A-1F16C", "1F190", "1FBF0-1FBF9", "E0100-E01EF",
)
# What the patterns read: decimal digits of any script, ASCII letters, "+", "-", "." and space.
_READ = re.compile(r"[\dA-Za-z+\-. ]")


def may_change(text: str) -> bool:
    """Whether NFKC could change what the personal-data patterns find in `text`."""
    return first_of(text, compile_ranges(RANGES)) is not None


def changes(char: str) -> bool:
    """Whether NFKC may turn `char` into, or join it with, a character the patterns read."""
    if unicodedata.category(char).startswith("M") or unicodedata.combining(char):
        return True
    composed = unicodedata.normalize("NFKC", char)
    if composed == char:
        return False
    apart = unicodedata.normalize("NFKD", char)
    return bool(_READ.search(composed) or _READ.search(apart)) or unicodedata.combining(apart[0]) != 0


def _as_ranges(points: list[int]) -> list[str]:
    runs: list[list[int]] = []
    for point in sorted(set(points)):
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return [f"{low:04X}" if low == high else f"{low:04X}-{high:04X}" for low, high in runs]


if __name__ == "__main__":
    listed = [p for item in RANGES for low, _, high in [item.partition("-")]
              for p in range(int(low, 16), int(high or low, 16) + 1)]
    found = [cp for cp in range(0x80, sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF and changes(chr(cp))]
    print(f"# Unicode {unicodedata.unidata_version}: {len(set(found) - set(listed))} not listed yet")
    print(",\n".join(f'    "{item}"' for item in _as_ranges(listed + found)) + ",")
