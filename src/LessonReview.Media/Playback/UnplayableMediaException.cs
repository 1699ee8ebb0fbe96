namespace LessonReview.Media.Playback;

/// <summary>
/// The upload can never become a lesson video (not a video, no picture, cut short).
/// The message is written for the trainee who uploaded it; retrying will not help.
/// </summary>
public sealed class UnplayableMediaException(string message, Exception? inner = null) : Exception(message, inner);
