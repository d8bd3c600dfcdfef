/// The keys of a compact JSON object's top level, in the order they are written; JSONSerialization
/// cannot tell order, and order is part of the contract.
func topLevelKeys(ofCompactJSON json: String) -> [String] {
    var keys: [String] = []
    var depth = 0
    var inString = false
    var escaped = false
    var current = ""
    var previous: Character = " "
    for character in json {
        if inString {
            if escaped {
                escaped = false
                current.append(character)
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                inString = false
            } else {
                current.append(character)
            }
            continue
        }
        switch character {
        case "\"":
            inString = true
            current = ""
        case "{", "[":
            depth += 1
        case "}", "]":
            depth -= 1
        case ":":
            if depth == 1, previous == "\"" { keys.append(current) }
        default:
            break
        }
        previous = character
    }
    return keys
}
