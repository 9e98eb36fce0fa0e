namespace Shop.Modules.Workflows.Asl;

/// <summary>
/// The context of the state being run, for the functions the engine calls without one (Choice conditions, Wait
/// ends). Set by the state's InputPath function, which the engine calls first, in the same flow of control.
/// </summary>
internal static class AslRun
{
    private static readonly AsyncLocal<StateContext?> Context = new();

    public static StateContext? Current
    {
        get => Context.Value;
        set => Context.Value = value;
    }
}
