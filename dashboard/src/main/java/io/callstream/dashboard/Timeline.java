package io.callstream.dashboard;

import java.util.List;

/**
 * Topics over call time: for each topic, how many turns (their latest versions) carry it, per minute of call time
 * in which the turn starts ({@code startOffsetMs / 60000}).
 *
 * @param minutes how many minutes the call has reached so far (every topic's counts have this many entries)
 * @param topics  in order of first mention (minute, then topic id)
 */
public record Timeline(int minutes, List<TopicCounts> topics) {

    public Timeline {
        topics = List.copyOf(topics);
    }

    /** @param counts one entry per minute, from minute 0 */
    public record TopicCounts(String topicId, String label, List<Integer> counts) {
        public TopicCounts {
            counts = List.copyOf(counts);
        }
    }
}
