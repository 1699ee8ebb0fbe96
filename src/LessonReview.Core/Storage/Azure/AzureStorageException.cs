using System.Net;

namespace LessonReview.Core.Storage.Azure;

/// <summary>A storage request failed for good; the message says what to check.</summary>
public sealed class AzureStorageException(string message, HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}
