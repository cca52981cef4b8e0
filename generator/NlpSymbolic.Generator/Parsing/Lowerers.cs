namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// The lowerers of one method body, each for one kind of syntax, over the same facts and state: they call each
/// other through here (a statement lowers its expressions, an expression its calls, a call its arguments).
/// </summary>
internal sealed class Lowerers
{
    public Lowerers(LoweringFacts facts, LoweringState state)
    {
        Facts = facts;
        State = state;
        Statements = new StatementLowerer(this);
        ControlFlow = new ControlFlowLowerer(this);
        Tuples = new TupleLowerer(this);
        Calls = new CallLowerer(this);
        UserCalls = new UserCallLowerer(this);
        Expressions = new ExpressionLowerer(this);
        Arrays = new BuiltArrayLowerer(this);
        Fence = new LoweringFence(this);
    }

    public LoweringFacts Facts { get; }

    public LoweringState State { get; }

    public StatementLowerer Statements { get; }

    public ControlFlowLowerer ControlFlow { get; }

    public TupleLowerer Tuples { get; }

    public CallLowerer Calls { get; }

    public UserCallLowerer UserCalls { get; }

    public ExpressionLowerer Expressions { get; }

    public BuiltArrayLowerer Arrays { get; }

    public LoweringFence Fence { get; }
}
