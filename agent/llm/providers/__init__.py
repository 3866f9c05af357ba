"""Provider adapters: Anthropic, OpenAI (and compatible servers), and llama-cpp in process."""
