namespace aigw::cloudflare {}
