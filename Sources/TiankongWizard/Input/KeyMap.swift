/// Where the keys go: decides what a key means there.
public enum KeyContext: Sendable, Equatable {
    case editing
    /// The editing screen with nothing typed: "?" opens the help instead of being typed.
    case editingEmpty
    case fieldList
    case review
    case prompt
    case confirm
    case help

    /// The context of a state.
    public init(_ state: WizardState) {
        switch state.dialog {
        case .resume?, .confirmQuit?, .confirmBlanks?, .confirmOverwrite?: self = .confirm
        case .saveName?: self = .prompt
        case .fieldList?: self = .fieldList
        case .help?: self = .help
        case nil:
            if state.screen == .review { self = .review } else { self = state.editor.isEmpty ? .editingEmpty : .editing }
        }
    }

    var takesText: Bool { self == .editing || self == .editingEmpty || self == .prompt }
}

/// Decodes keys into actions: the one place that knows what a key does. A bracketed paste is
/// gathered into one insertion, newlines turned into spaces.
public struct KeyMap: Sendable {
    private var pasting = false
    private var pasted = ""
    /// Inside a paste, what followed an Escape while it may still be the paste's end: when the end
    /// ("\u{1B}[201~") is split across reads, ncurses stops waiting and gives Escape and characters.
    private var endSoFar: String?
    private static let pasteEndTail = "[201~"

    public init() {}

    /// The actions for one key in a context (none while a paste is being gathered).
    public mutating func actions(for key: Key, in context: KeyContext) -> [Action] {
        if key == .pasteStart {
            // A second start before an end keeps what was gathered.
            if !pasting { pasted = "" }
            pasting = true
            endSoFar = nil
            return []
        }
        if pasting {
            if let so = endSoFar, case .character(let c) = key {
                let next = so + String(c)
                if next == Self.pasteEndTail {
                    pasted.removeLast(next.count - 1)
                    return finishPaste(context)
                }
                endSoFar = Self.pasteEndTail.hasPrefix(next) ? next : nil
            } else {
                endSoFar = nil
            }
            switch key {
            case .pasteEnd: return finishPaste(context)
            case .escape: endSoFar = ""
            case .character(let c): pasted.append(c)
            case .enter, .tab: pasted.append(" ")
            // Ctrl-C always reaches the wizard, even when a paste never ends.
            case .control("c"): return finishPaste(context) + [.interrupt]
            default: break
            }
            return []
        }
        if key == .pasteEnd { return [] }
        return Self.action(for: key, in: context).map { [$0] } ?? []
    }

    private mutating func finishPaste(_ context: KeyContext) -> [Action] {
        pasting = false
        endSoFar = nil
        defer { pasted = "" }
        return context.takesText && !pasted.isEmpty ? [.insert(pasted)] : []
    }

    /// What a key does in a context, outside a paste.
    public static func action(for key: Key, in context: KeyContext) -> Action? {
        // Everywhere.
        switch key {
        case .control("c"): return .interrupt
        case .control("z"): return .suspend
        default: break
        }
        switch context {
        case .help:
            return .cancel
        case .confirm:
            switch key {
            case .character("y"), .character("Y"): return .yes
            case .character("n"), .character("N"), .escape: return .no
            case .enter: return .choose
            default: return nil
            }
        case .fieldList:
            switch key {
            case .up, .control("p"), .backTab: return .selectPrevious
            case .down, .control("n"), .tab: return .selectNext
            case .pageUp: return .pageUp
            case .pageDown: return .pageDown
            case .enter: return .choose
            case .escape, .control("g"), .function(2), .character("q"): return .cancel
            case .control("s"): return .save
            default: return nil
            }
        case .review:
            switch key {
            case .up, .control("p"): return .selectPrevious
            case .down, .control("n"), .tab: return .selectNext
            case .pageUp: return .pageUp
            case .pageDown, .character(" "): return .pageDown
            case .enter: return .choose
            case .escape, .backTab: return .previousField
            case .control("g"), .function(2): return .openFieldList
            case .control("s"): return .save
            case .control("r"): return .takeSuggestion
            case .control("t"): return .takeAllFixes
            case .function(1), .character("?"): return .openHelp
            default: return nil
            }
        case .prompt, .editing, .editingEmpty:
            switch key {
            case .character(let c):
                if c == "?" && context == .editingEmpty { return .openHelp }
                return .insert(String(c))
            case .left, .control("b"): return .cursorLeft
            case .right, .control("f"): return .cursorRight
            case .home, .control("a"): return .cursorHome
            case .end, .control("e"): return .cursorEnd
            case .backspace: return .deleteBackward
            case .delete, .control("d"): return .deleteForward
            case .control("u"): return .deleteToStart
            case .control("k"): return .deleteToEnd
            case .control("w"): return .deleteWord
            case .control("s"): return .save
            default: break
            }
            if context == .prompt {
                switch key {
                case .enter: return .choose
                case .escape: return .cancel
                default: return nil
                }
            }
            switch key {
            case .enter, .tab, .down: return .nextField
            case .backTab, .up: return .previousField
            case .control("g"), .function(2): return .openFieldList
            case .control("r"): return .takeSuggestion
            case .function(1): return .openHelp
            default: return nil
            }
        }
    }
}
