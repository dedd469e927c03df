/** Magic packets: the same code sends them from the server and from agents. */
export { magicPacket, sendMagicPackets, type WakeOnLanOptions } from '@pons/agent-link';
